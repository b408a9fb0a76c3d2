/** `whittle lint` through the real CLI: exit codes, inputs (files, globs, stdin), errors and options. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { SHELL_FORM_CMD, assertNoStack, runCli, tempTree } from './run-cli.js';

/** A Dockerfile that follows the practices whittle checks (pinned digest, non-root, exec form, healthcheck). */
export const CLEAN = `# syntax=docker/dockerfile:1
FROM alpine:3.20@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
WORKDIR /app
COPY --chmod=0755 app.sh ./
USER 10001:10001
HEALTHCHECK CMD ["/app/app.sh", "--check"]
ENTRYPOINT ["/app/app.sh"]
`;
export const CLEAN_CONTEXT = { 'app.sh': '#!/bin/sh\necho hi\n', '.dockerignore': '.git\n' };

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  aliases: string[];
  severity: string;
  fixable: boolean;
}

function findings(stdout: string): JsonFinding[] {
  return JSON.parse(stdout) as JsonFinding[];
}

describe('whittle lint: exit codes', () => {
  it('exits 0 and says so for a clean Dockerfile', () => {
    const dir = tempTree({ Dockerfile: CLEAN, ...CLEAN_CONTEXT });
    const r = runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /no problems in 1 file/);
  });

  it('exits 1 with findings at or above the threshold, 0 with --failure-threshold none', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /exec-form-cmd/);
    const none = runCli(['lint', '--failure-threshold', 'none', 'Dockerfile'], { cwd: dir });
    assert.equal(none.code, 0);
    assert.match(none.stdout, /exec-form-cmd/, 'findings are still reported');
  });

  it('compares against the threshold: overriding a rule to error fails at --failure-threshold error', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const found = findings(runCli(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir }).stdout);
    const onlyBelowError = !found.some((f) => f.severity === 'error');
    assert.ok(onlyBelowError, 'the fixture has no error-severity finding');
    assert.equal(runCli(['lint', '--failure-threshold', 'error', 'Dockerfile'], { cwd: dir }).code, 0);
    const withOverride = tempTree({ Dockerfile: SHELL_FORM_CMD, '.whittle.yaml': 'lint:\n  override:\n    DL3025: error\n' });
    const r = runCli(['lint', '--failure-threshold', 'error', '-f', 'json', 'Dockerfile'], { cwd: withOverride });
    assert.equal(r.code, 1);
    assert.equal(findings(r.stdout).find((f) => f.rule === 'exec-form-cmd')?.severity, 'error');
  });

  it('the bundled naive example exits 1 and reports the practices it breaks', () => {
    const r = runCli(['lint', '-f', 'json', 'examples/naive-python/Dockerfile'], { cwd: repoRoot });
    assert.equal(r.code, 1, r.stderr);
    const rules = new Set(findings(r.stdout).map((f) => f.rule));
    for (const expected of ['prefer-minimal-base', 'apt-update-alone', 'cache-busting-copy', 'exec-form-cmd', 'runs-as-root']) {
      assert.ok(rules.has(expected), `expected ${expected} among ${[...rules].join(', ')}`);
    }
  });
});

describe('whittle lint: input errors', () => {
  it('an unknown instruction is one line file:line:col, exit 2, no stack', () => {
    const dir = tempTree({ Dockerfile: 'FROM alpine:3.20\nFOO bar\n' });
    const r = runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^Dockerfile:2:1: .*FOO/);
    assertNoStack(r.stderr);
  });

  it('a file that fails to parse does not stop the others from being linted and reported', () => {
    const dir = tempTree({ 'bad/Dockerfile': 'FROM alpine:3.20\nFOO bar\n', 'good/Dockerfile': SHELL_FORM_CMD });
    const r = runCli(['lint', '-f', 'json', 'bad/Dockerfile', 'good/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bad\/Dockerfile:2:1: /m);
    const files = new Set(findings(r.stdout).map((f) => f.file));
    assert.deepEqual([...files], ['good/Dockerfile']);
  });

  it('a binary file is rejected with its position, exit 2', () => {
    const dir = tempTree({ Dockerfile: Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0x01, 0x02, 0xff]) });
    const r = runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Dockerfile:1:6: .*binary/m);
    assertNoStack(r.stderr);
  });

  it('invalid UTF-8 is rejected with its position, exit 2', () => {
    const dir = tempTree({ Dockerfile: Buffer.concat([Buffer.from('FROM alpine\nRUN echo '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]) });
    const r = runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Dockerfile:2:10: invalid UTF-8/m);
    assertNoStack(r.stderr);
  });

  it('a missing file and a glob that matches nothing are errors (exit 2), each one line', () => {
    const dir = tempTree({});
    const r = runCli(['lint', 'nope/Dockerfile', 'src/**/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^nope\/Dockerfile: no such file$/m);
    assert.match(r.stderr, /^src\/\*\*\/Dockerfile: no files match this pattern$/m);
  });

  it('with no file argument lints ./Dockerfile, and says what to do when there is none', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    assert.equal(runCli(['lint'], { cwd: dir }).code, 1);
    const empty = tempTree({});
    const r = runCli(['lint'], { cwd: empty });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no Dockerfile given/);
    assertNoStack(r.stderr);
  });
});

describe('whittle lint: inputs', () => {
  it('expands globs (**/Dockerfile*), skipping node_modules and .dockerignore files', () => {
    const dir = tempTree({
      'Dockerfile': SHELL_FORM_CMD,
      'services/api/Dockerfile': SHELL_FORM_CMD,
      'services/api/Dockerfile.dockerignore': '.git\n',
      'services/web/Dockerfile.prod': SHELL_FORM_CMD,
      'node_modules/pkg/Dockerfile': 'this is not even a Dockerfile',
    });
    const r = runCli(['lint', '-f', 'json', '**/Dockerfile*'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const files = [...new Set(findings(r.stdout).map((f) => f.file))].sort();
    assert.deepEqual(files, ['Dockerfile', 'services/api/Dockerfile', 'services/web/Dockerfile.prod']);
  });

  it('a folder argument means the Dockerfiles in it', () => {
    const dir = tempTree({ 'app/Dockerfile': SHELL_FORM_CMD, 'app/README.md': '# hi\n' });
    const r = runCli(['lint', '-f', 'json', 'app'], { cwd: dir });
    assert.deepEqual([...new Set(findings(r.stdout).map((f) => f.file))], ['app/Dockerfile']);
  });

  it('reads stdin for "-"', () => {
    const r = runCli(['lint', '-f', 'json', '-'], { input: SHELL_FORM_CMD, cwd: tempTree({}) });
    assert.equal(r.code, 1);
    const found = findings(r.stdout);
    assert.ok(found.some((f) => f.file === '-' && f.rule === 'exec-form-cmd' && f.line === 2));
  });

  it("reads the build context's ignore file: <Dockerfile>.dockerignore beside it, else .dockerignore in --context", () => {
    const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n';
    // missing-dockerignore says "there is no .dockerignore" only when the CLI found none for the context.
    const seesNone = (dir: string, args: string[]): boolean =>
      (JSON.parse(runCli(['lint', '-f', 'json', ...args], { cwd: dir }).stdout) as { rule: string; message: string }[]).some(
        (f) => f.rule === 'missing-dockerignore' && f.message.includes('there is no .dockerignore'),
      );
    assert.ok(seesNone(tempTree({ 'app/Dockerfile': dockerfile }), ['app/Dockerfile']));
    assert.ok(!seesNone(tempTree({ 'app/Dockerfile': dockerfile, 'app/Dockerfile.dockerignore': '.git\n' }), ['app/Dockerfile']));
    const elsewhere = tempTree({ 'app/Dockerfile': dockerfile, 'ctx/.dockerignore': '.git\n' });
    assert.ok(seesNone(elsewhere, ['app/Dockerfile']));
    assert.ok(!seesNone(elsewhere, ['--context', 'ctx', 'app/Dockerfile']));
  });

  it('--build-arg with a bad name is a usage error', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', '--build-arg', '1X=y', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--build-arg expects KEY=VALUE/);
  });
});

describe('whittle lint: options', () => {
  it('--ignore (repeatable, ids or aliases) silences rules', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    // Some rules step aside for one another (shell-form-entrypoint when exec-form-cmd runs), so ignore until quiet.
    const ignored = new Set<string>();
    let last: ReturnType<typeof runCli> | undefined;
    for (let round = 0; round < 5; round++) {
      const args = [...ignored].flatMap((rule) => ['--ignore', rule === 'exec-form-cmd' ? 'DL3025' : rule]);
      last = runCli(['lint', ...args, '-f', 'json', 'Dockerfile'], { cwd: dir });
      const found = findings(last.stdout);
      if (found.length === 0) break;
      assert.ok(found.every((f) => !ignored.has(f.rule)), 'an ignored rule still reported');
      for (const f of found) ignored.add(f.rule);
    }
    assert.ok(ignored.has('exec-form-cmd'));
    assert.equal(last!.code, 0, last!.stdout);
    assert.deepEqual(findings(last!.stdout), []);
  });

  it('--ignore with an unknown rule is an error', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', '--ignore', 'no-such-rule', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), 'unknown rule "no-such-rule" in --ignore');
  });

  it('honours inline ignore pragmas, unless --no-ignore-pragma', () => {
    const dir = tempTree({ Dockerfile: 'FROM alpine:3.20\n# hadolint ignore=DL3025\nCMD echo hello\n' });
    const rules = (args: string[]): string[] => findings(runCli(['lint', '-f', 'json', ...args, 'Dockerfile'], { cwd: dir }).stdout).map((f) => f.rule);
    assert.ok(!rules([]).includes('exec-form-cmd'));
    assert.ok(rules(['--no-ignore-pragma']).includes('exec-form-cmd'));
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', '-f', 'json', '-o', 'report.json', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(findings(readFileSync(join(dir, 'report.json'), 'utf8')).some((f) => f.rule === 'exec-form-cmd'));
  });

  it('reads .whittle.yaml from the Dockerfile folder upwards, and --config FILE', () => {
    const dir = tempTree({
      'project/.whittle.yaml': 'lint:\n  ignored: [DL3025]\n',
      'project/svc/Dockerfile': SHELL_FORM_CMD,
      'other.yaml': 'lint:\n  ignored: []\n',
    });
    const rules = (args: string[]): string[] => findings(runCli(['lint', '-f', 'json', ...args], { cwd: dir }).stdout).map((f) => f.rule);
    assert.ok(!rules(['project/svc/Dockerfile']).includes('exec-form-cmd'));
    assert.ok(rules(['--config', 'other.yaml', 'project/svc/Dockerfile']).includes('exec-form-cmd'));
  });

  it('maps an existing .hadolint.yaml when there is no .whittle.yaml', () => {
    const dir = tempTree({ '.hadolint.yaml': 'ignored:\n  - DL3025\nfailure-threshold: none\n', Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir });
    assert.ok(!findings(r.stdout).some((f) => f.rule === 'exec-form-cmd'));
    assert.equal(r.code, 0, 'failure-threshold: none');
  });

  it('passes --trusted-registry and the config label schema to the rules', () => {
    const dir = tempTree({
      Dockerfile: 'FROM evil.example.com/base:1.0\nLABEL maintainer="not-an-email"\nCMD ["x"]\n',
      '.whittle.yaml': 'lint:\n  labelSchema:\n    maintainer: email\n',
    });
    const rules = (args: string[]): string[] => findings(runCli(['lint', '-f', 'json', ...args, 'Dockerfile'], { cwd: dir }).stdout).map((f) => f.rule);
    assert.ok(!rules([]).includes('trusted-registry'), 'no registry list: any registry');
    const withList = rules(['--trusted-registry', 'registry.corp']);
    assert.ok(withList.includes('trusted-registry'));
    assert.ok(withList.includes('label-email'));
  });

  it('a config error names file, line and column, exit 2', () => {
    const dir = tempTree({ '.whittle.yaml': 'lint:\n  ignored: [DL3025]\n  failureTreshold: error\n', Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.whittle\.yaml:3:3: unknown key "failureTreshold" in lint/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assertNoStack(r.stderr);
  });

  it('colours text only when asked (FORCE_COLOR) and never with --no-color', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const ansi = /\u001b\[/;
    assert.doesNotMatch(runCli(['lint', 'Dockerfile'], { cwd: dir }).stdout, ansi, 'stdout is a pipe');
    assert.match(runCli(['lint', 'Dockerfile'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, ansi);
    assert.doesNotMatch(runCli(['--no-color', 'lint', 'Dockerfile'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, ansi);
    assert.doesNotMatch(runCli(['lint', '--no-color', 'Dockerfile'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, ansi);
  });
});
