/** Real CLI output validated against its contracts: SARIF 2.1.0 (the OASIS schema) and schema/lint-report.schema.json. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintJsonProblems, sarifProblems } from '../../../src/report/schema-check.js';
import { fixturesDir, repoRoot } from '../../helpers/paths.js';
import { join } from 'node:path';
import { SHELL_FORM_CMD, runCli, tempTree } from '../../cli/run-cli.js';

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; properties: { aliases: string[] } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema, with rules, levels and fixes', () => {
    const r = runCli(['lint', '-f', 'sarif', 'examples/naive-python/Dockerfile'], { cwd: repoRoot });
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.deepEqual(sarifProblems(log), []);
    const run = log.runs[0]!;
    const rule = run.tool.driver.rules.find((x) => x.id === 'exec-form-cmd')!;
    assert.ok(rule.properties.aliases.includes('DL3025'));
    // The link points at the shipped catalogue, and that catalogue has a section for the rule.
    const help = new URL(rule.helpUri);
    assert.equal(help.hash, '#exec-form-cmd');
    assert.match(readFileSync(fileURLToPath(help), 'utf8'), /exec-form-cmd/);
    const result = run.results.find((x) => x.ruleId === 'exec-form-cmd')!;
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'exec-form-cmd');
    assert.equal(result.level, 'warning');
    assert.equal(result.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text, '["python", "app.py"]');
    assert.ok(run.results.some((x) => x.level === 'note'), 'info findings map to note');
    assert.equal(run.invocations[0]!.executionSuccessful, true);
  });

  it('stays valid with an unparsable file (a notification) and with stdin', () => {
    const dir = tempTree({ 'bad/Dockerfile': 'FROM alpine\nFOO bar\n', 'weird path/Dockerfile': SHELL_FORM_CMD });
    const r = runCli(['lint', '-f', 'sarif', 'bad/Dockerfile', 'weird path/Dockerfile', '-'], { cwd: dir, input: SHELL_FORM_CMD });
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.deepEqual(sarifProblems(log), []);
    assert.equal(log.runs[0]!.invocations[0]!.executionSuccessful, false);
    assert.match(log.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text, /FOO/);
  });

  it('the validator does reject a broken log', () => {
    assert.notDeepEqual(sarifProblems({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] }), []);
  });
});

describe('JSON output', () => {
  it('validates against schema/lint-report.schema.json', () => {
    const r = runCli(['lint', '-f', 'json', 'examples/naive-python/Dockerfile'], { cwd: repoRoot });
    const report = JSON.parse(r.stdout) as unknown[];
    assert.ok(report.length > 3);
    assert.deepEqual(lintJsonProblems(report), []);
  });

  it('the validator does reject a finding without a position', () => {
    assert.notDeepEqual(lintJsonProblems([{ file: 'Dockerfile', rule: 'x', severity: 'warning' }]), []);
  });
});

/** Tags balance and every & starts an entity: enough to catch broken escaping without an XML parser dependency. */
function xmlWellFormedProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:[^>"]|"[^"]*")*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else if (!selfClose) stack.push(name!);
  }
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(xml)) problems.push('a bare &');
  if (/<[^>]*<(?!\/?[A-Za-z!?])/.test(xml)) problems.push('a bare <');
  return problems;
}

describe('every format over the fixture corpus', () => {
  const corpus = join(fixturesDir, 'corpus');
  it('SARIF and JSON validate against their schemas', () => {
    const sarif = runCli(['lint', '-f', 'sarif', '**/*.Dockerfile'], { cwd: corpus });
    assert.equal(sarif.stderr, '');
    const log = JSON.parse(sarif.stdout) as SarifLog;
    assert.ok(log.runs[0]!.results.length > 100);
    assert.deepEqual(sarifProblems(log), []);
    const json = runCli(['lint', '-f', 'json', '**/*.Dockerfile'], { cwd: corpus });
    assert.deepEqual(lintJsonProblems(JSON.parse(json.stdout)), []);
  });

  it('JUnit and Checkstyle are well-formed XML', () => {
    for (const format of ['junit', 'checkstyle']) {
      const r = runCli(['lint', '-f', format, '**/*.Dockerfile'], { cwd: corpus });
      assert.ok(r.stdout.length > 1000, format);
      assert.deepEqual(xmlWellFormedProblems(r.stdout), [], format);
    }
    assert.notDeepEqual(xmlWellFormedProblems('<a><b></a>'), [], 'the check itself catches unbalanced tags');
    assert.notDeepEqual(xmlWellFormedProblems('<a x="1 & 2"/>'), [], 'and bare ampersands');
  });
});
