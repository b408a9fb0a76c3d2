/** Every `--format` through the real CLI, on the same Dockerfiles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHELL_FORM_CMD, runCli, tempTree } from './run-cli.js';

const dir = tempTree({ Dockerfile: SHELL_FORM_CMD, 'svc/Dockerfile': 'FROM alpine:3.20\nENTRYPOINT /bin/run --flag "a&b"\n' });
const lint = (format: string): ReturnType<typeof runCli> => runCli(['lint', '-f', format, 'Dockerfile', 'svc/Dockerfile'], { cwd: dir });

describe('whittle lint --format', () => {
  it('text: grouped by file, a code frame with carets under the range, a summary line', () => {
    const r = lint('text');
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Dockerfile');
    assert.ok(lines.includes('svc/Dockerfile'));
    const at = lines.findIndex((l) => /^ {2}2:5 {2}warning .*exec-form-cmd \(DL3025/.test(l));
    assert.ok(at > 0, r.stdout);
    assert.equal(lines[at + 1], '    2 | CMD echo hello');
    assert.equal(lines[at + 2], '      |     ^^^^^^^^^^');
    assert.match(lines.at(-2)!, /^✖ \d+ problems \(.*\) in 2 of 2 files; \d+ fixable with `whittle fix`$/);
  });

  it('json: one object per finding with positions, rule, aliases, severity, fixable, suggestions', () => {
    const found = JSON.parse(lint('json').stdout) as Record<string, unknown>[];
    const f = found.find((x) => x.rule === 'exec-form-cmd' && x.file === 'Dockerfile')!;
    assert.ok(f);
    assert.deepEqual(
      { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, fixable: f.fixable },
      { line: 2, column: 5, endLine: 2, endColumn: 15, fixable: true },
    );
    assert.ok((f.aliases as string[]).includes('DL3025'));
    assert.ok(Array.isArray(f.suggestions));
    assert.match(f.docs as string, /rules\.md#exec-form-cmd$/);
  });

  it('github: one workflow command per finding with properties', () => {
    const r = lint('github');
    const line = r.stdout.split('\n').find((l) => l.includes('title=exec-form-cmd') && l.includes('file=Dockerfile,'));
    assert.ok(line, r.stdout);
    assert.match(line!, /^::warning file=Dockerfile,line=2,col=5,endLine=2,endColumn=15,title=exec-form-cmd::.+ \(DL3025, [^)]+\)$/);
  });

  it('junit: one testsuite per file, a failing testcase per finding, escaped', () => {
    const r = lint('junit');
    assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.equal(r.stdout.match(/<testsuite /g)?.length, 2);
    const failures = r.stdout.match(/<failure /g)?.length ?? 0;
    const total = (JSON.parse(lint('json').stdout) as unknown[]).length;
    assert.equal(failures, total);
    assert.match(r.stdout, /<testcase name="exec-form-cmd at 2:5" classname="Dockerfile">/);
    assert.doesNotMatch(r.stdout, /"a&b"/, 'raw & never reaches the XML');
  });

  it('checkstyle: a <file> per Dockerfile and an <error> per finding', () => {
    const r = lint('checkstyle');
    assert.match(r.stdout, /<checkstyle version="4.3">/);
    assert.match(r.stdout, /<file name="Dockerfile">\n( {4}<error [^\n]+\n)* {4}<error line="2" column="5" severity="warning" message="[^"]+" source="whittle.exec-form-cmd"\/>/);
    assert.match(r.stdout, /<file name="svc\/Dockerfile">/);
  });

  it('sarif: a SARIF 2.1.0 log with the rules and results', () => {
    const log = JSON.parse(lint('sarif').stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0]!.tool.driver.rules.some((r) => r.id === 'exec-form-cmd'));
    assert.ok(log.runs[0]!.results.some((r) => r.ruleId === 'exec-form-cmd'));
  });
});
