/** JUnit XML: one testsuite per file, one failing testcase per finding (named by rule), a passing one for a clean file. */
import type { LintFormatter } from './types.js';
import { xmlAttrs, xmlEscape } from './xml.js';

export const junit: LintFormatter = (report) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const file of report.files) {
    const cases: string[] = [];
    for (const f of file.findings) {
      const name = `${f.rule} at ${f.line}:${f.column}`;
      const body = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}\n${f.message}`;
      cases.push(
        `    <testcase${xmlAttrs({ name, classname: f.file })}>\n` +
          `      <failure${xmlAttrs({ message: f.message, type: f.severity })}>${xmlEscape(body)}</failure>\n` +
          '    </testcase>',
      );
    }
    if (file.findings.length === 0) cases.push(`    <testcase${xmlAttrs({ name: 'whittle lint', classname: file.file })}/>`);
    tests += cases.length;
    failures += file.findings.length;
    suites.push(
      `  <testsuite${xmlAttrs({ name: file.file, tests: cases.length, failures: file.findings.length, errors: 0, skipped: 0 })}>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  for (const e of report.errors) {
    const where = [e.file, e.line, e.column].filter((p) => p !== undefined).join(':');
    tests += 1;
    errors += 1;
    suites.push(
      `  <testsuite${xmlAttrs({ name: e.file, tests: 1, failures: 0, errors: 1, skipped: 0 })}>\n` +
        `    <testcase${xmlAttrs({ name: 'whittle lint', classname: e.file })}>\n` +
        `      <error${xmlAttrs({ message: e.message, type: 'input-error' })}>${xmlEscape(`${where}: ${e.message}`)}</error>\n` +
        '    </testcase>\n  </testsuite>',
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${xmlAttrs({ name: 'whittle lint', tests, failures, errors })}>\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`
  );
};
