/** The program shell: usage errors, version, help, and what an unexpected error looks like. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/main.js';
import type { CommandRegistrar } from '../../src/cli/runtime.js';
import { InputError } from '../../src/core/errors.js';
import { cliPath, fixturesDir, repoRoot } from '../helpers/paths.js';
import { assertNoStack, runCli } from './run-cli.js';

function capture(): { streams: { stdout: PassThrough; stderr: PassThrough }; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { streams: { stdout, stderr }, out: () => o, err: () => e };
}

const boom: CommandRegistrar = (program) => {
  program.command('boom').action(() => {
    throw new TypeError('cannot read properties of undefined');
  });
  program.command('bad-input').action(() => {
    throw new InputError('not a tar archive', 'image.tar', 3, 7);
  });
};

describe('whittle (program)', () => {
  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('an unknown option is one line and exit 2', () => {
    const r = runCli(['lint', '--no-such-option']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "whittle: unknown option '--no-such-option'\n");
  });

  it('an unknown command is one line and exit 2', () => {
    const r = runCli(['lnit']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^whittle: unknown command 'lnit'/);
  });

  it('an invalid --format choice is one line and exit 2', () => {
    const r = runCli(['lint', '--format', 'xml', 'Dockerfile']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^whittle: option .*--format.* argument 'xml' is invalid\. Allowed choices are text, json, sarif, github, junit, checkstyle\.\n$/);
  });

  it('no arguments prints the help and exits 2; --help exits 0', () => {
    const none = runCli([]);
    assert.equal(none.code, 2);
    assert.match(none.stdout, /Usage: whittle/);
    const help = runCli(['lint', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--failure-threshold <severity>/);
    const helpCommand = runCli(['help', 'fix']);
    assert.equal(helpCommand.code, 0);
    assert.match(helpCommand.stdout, /--dry-run/);
  });

  it('an unexpected error is one line naming it, exit 2, stack only with --debug', async () => {
    const plain = capture();
    assert.equal(await run(['boom'], [boom], plain.streams), 2);
    assert.equal(plain.err(), 'whittle: internal error: cannot read properties of undefined (run with --debug for the stack)\n');
    assertNoStack(plain.err().replace('internal error', ''));
    const debug = capture();
    assert.equal(await run(['--debug', 'boom'], [boom], debug.streams), 2);
    assert.match(debug.err(), /^whittle: internal error: TypeError: cannot read properties of undefined\n\s+at /);
  });

  it('a reader that closes the pipe early (| head) ends the run quietly', async () => {
    const child = spawn(process.execPath, [cliPath, 'lint', '**/*.Dockerfile'], { cwd: join(fixturesDir, 'corpus'), env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 1, 'the exit code still says there are findings');
  });

  it('a WhittleError is its one-line format, exit 2', async () => {
    const c = capture();
    assert.equal(await run(['bad-input'], [boom], c.streams), 2);
    assert.equal(c.err(), 'image.tar:3:7: not a tar archive\n');
  });
});
