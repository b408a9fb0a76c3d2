/** `whittle fix` through the real CLI: dry runs, atomic writes, idempotence, and files that must not be touched. */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHELL_FORM_CMD, assertNoStack, runCli, tempTree } from './run-cli.js';

const FIXED_CMD = 'FROM alpine:3.20\nCMD ["echo", "hello"]\n';

describe('whittle fix', () => {
  it('--dry-run prints a unified diff and leaves the file unchanged', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const before = statSync(join(dir, 'Dockerfile')).mtimeMs;
    const r = runCli(['fix', '--dry-run', 'Dockerfile'], { cwd: dir });
    assert.match(r.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ -1,2 \+1,2 @@\n FROM alpine:3.20\n-CMD echo hello\n\+CMD \["echo", "hello"\]\n/);
    assert.match(r.stderr, /Dockerfile: would be fixed 1 problem/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), SHELL_FORM_CMD);
    assert.equal(statSync(join(dir, 'Dockerfile')).mtimeMs, before);
  });

  it('writes the fixed file in place, keeps its mode, leaves no temp file; a second run changes nothing', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const r = runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.match(r.stdout, /^Dockerfile: fixed \d+ problems?: .*(exec-form-cmd|shell-form-entrypoint)/m);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXED_CMD);
    assert.equal(statSync(join(dir, 'Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('whittle')), []);
    const again = runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.match(again.stdout, /^nothing to fix$/m);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXED_CMD);
    const dry = runCli(['fix', '--dry-run', 'Dockerfile'], { cwd: dir });
    assert.equal(dry.stdout, '', 'nothing left to diff');
  });

  it('never writes a file that fails to parse, and still fixes the others (exit 2)', () => {
    const broken = 'FROM alpine:3.20\nCMD echo hello\nFOO bar\n';
    const dir = tempTree({ 'bad/Dockerfile': broken, 'good/Dockerfile': SHELL_FORM_CMD });
    const r = runCli(['fix', 'bad/Dockerfile', 'good/Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bad\/Dockerfile:3:1: /m);
    assertNoStack(r.stderr);
    assert.equal(readFileSync(join(dir, 'bad/Dockerfile'), 'utf8'), broken);
    assert.equal(readFileSync(join(dir, 'good/Dockerfile'), 'utf8'), FIXED_CMD);
  });

  it('follows a symlink: the target is fixed and the link stays a link', () => {
    const dir = tempTree({ 'real/Dockerfile': SHELL_FORM_CMD });
    symlinkSync(join(dir, 'real/Dockerfile'), join(dir, 'Dockerfile'));
    runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real/Dockerfile'), 'utf8'), FIXED_CMD);
  });

  it('reads stdin for "-" and prints the fixed Dockerfile on stdout', () => {
    const r = runCli(['fix', '-'], { input: SHELL_FORM_CMD, cwd: tempTree({}) });
    assert.equal(r.stdout, FIXED_CMD);
    assert.match(r.stderr, /^-: fixed/m);
  });

  it('prints suggestions with their exact replacement text and never applies them', () => {
    const dockerfile = 'FROM python:3.12\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';
    const dir = tempTree({ Dockerfile: dockerfile, 'app.py': 'print(1)\n', '.dockerignore': '.git\n' });
    const r = runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.match(r.stdout, /suggestion: .*\n\s+- FROM python:3\.12\n\s+\+ FROM python:3\.12-slim/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), dockerfile);
  });

  it('writes a .dockerignore for the stack when missing-dockerignore fires, never over an existing one', () => {
    const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
    const dir = tempTree({ Dockerfile: dockerfile, 'requirements.txt': 'requests==2.32.3\n', 'app.py': 'print(1)\n' });
    const dry = runCli(['fix', '--dry-run', 'Dockerfile'], { cwd: dir });
    assert.match(dry.stdout, /^--- \/dev\/null\n\+\+\+ b\/\.dockerignore\n/m);
    assert.ok(!existsSync(join(dir, '.dockerignore')), 'dry run writes nothing');
    const r = runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.match(r.stdout, /\.dockerignore: written for Dockerfile/);
    const written = readFileSync(join(dir, '.dockerignore'), 'utf8');
    assert.match(written, /^\.git$/m);
    assert.match(written, /__pycache__/);
    const lint = runCli(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir });
    assert.ok(!(JSON.parse(lint.stdout) as { rule: string }[]).some((f) => f.rule === 'missing-dockerignore'));
  });

  it('with a machine format, stdout carries only the report on what remains', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['fix', '-f', 'json', 'Dockerfile'], { cwd: dir });
    const remaining = JSON.parse(r.stdout) as { rule: string }[];
    assert.ok(!remaining.some((f) => f.rule === 'exec-form-cmd'));
    assert.match(r.stderr, /^Dockerfile: fixed/m);
  });

  it('lint --fix applies the fixes and reports what remains', () => {
    const dir = tempTree({ Dockerfile: SHELL_FORM_CMD });
    const r = runCli(['lint', '--fix', '-f', 'json', 'Dockerfile'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXED_CMD);
    assert.ok(!(JSON.parse(r.stdout) as { rule: string }[]).some((f) => f.rule === 'exec-form-cmd'));
    assert.match(r.stderr, /Dockerfile: fixed/);
  });
});
