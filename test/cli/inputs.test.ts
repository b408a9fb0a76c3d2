/** File arguments, build contexts and --build-arg parsing, in-process. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildContextFor, dockerignorePath } from '../../src/cli/build-context.js';
import { expandInputs } from '../../src/cli/inputs.js';
import { applyCliOptions, parseBuildArgs } from '../../src/cli/lint-options.js';
import { formatProblem, problemFrom } from '../../src/cli/lint-run.js';
import { InputError } from '../../src/core/errors.js';
import { defaultLintRunConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';
import { tempTree } from './run-cli.js';

describe('expandInputs', () => {
  it('keeps paths as given, expands globs and folders, dedupes, and reports what matches nothing', async () => {
    const dir = tempTree({ 'a/Dockerfile': 'x', 'b/build.Dockerfile': 'x', 'b/Containerfile': 'x', 'b/Dockerfile.dockerignore': 'x' });
    const { inputs, problems } = await expandInputs(['a/Dockerfile', '**/Dockerfile', 'b', 'c/*.Dockerfile', 'missing', '-'], dir);
    assert.deepEqual(
      inputs.map((i) => i.display),
      ['a/Dockerfile', 'b/Containerfile', 'b/build.Dockerfile', '-'],
    );
    assert.equal(inputs[0]!.path, join(dir, 'a/Dockerfile'));
    assert.equal(inputs.at(-1)!.path, null);
    assert.deepEqual(problems, [
      { file: 'c/*.Dockerfile', message: 'no files match this pattern' },
      { file: 'missing', message: 'no such file' },
    ]);
  });
});

describe('build context', () => {
  it('prefers <Dockerfile>.dockerignore beside the Dockerfile over the context root .dockerignore', () => {
    const dir = tempTree({ 'docker/api.Dockerfile': 'x', 'docker/api.Dockerfile.dockerignore': 'a', '.dockerignore': 'b' });
    assert.equal(dockerignorePath(join(dir, 'docker/api.Dockerfile'), dir), join(dir, 'docker/api.Dockerfile.dockerignore'));
    assert.equal(dockerignorePath(join(dir, 'docker/other.Dockerfile'), dir), join(dir, '.dockerignore'));
    assert.equal(dockerignorePath(null, join(dir, 'docker')), null);
  });

  it('answers exists() inside the context only, with globs', () => {
    const dir = tempTree({ 'app/Dockerfile': 'x', 'app/src/main.py': 'x', 'app/requirements.txt': 'x', 'secret.txt': 'x' });
    const ctx = buildContextFor(join(dir, 'app/Dockerfile'), undefined, dir)!;
    assert.equal(ctx.dir, join(dir, 'app'));
    assert.equal(ctx.dockerignore, null);
    assert.ok(ctx.exists('requirements.txt'));
    assert.ok(ctx.exists('./src/main.py'));
    assert.ok(ctx.exists('src'));
    assert.ok(ctx.exists('*.txt'));
    assert.ok(!ctx.exists('*.toml'));
    assert.ok(!ctx.exists('../secret.txt'), 'outside the context');
    assert.equal(buildContextFor(null, undefined, dir), null, 'stdin has no context unless --context');
    assert.equal(buildContextFor(null, 'app', dir)!.dir, join(dir, 'app'));
  });
});

describe('command-line lint options', () => {
  it('parses --build-arg like docker build, taking a bare KEY from the environment', () => {
    process.env.WHITTLE_TEST_ARG = 'from-env';
    assert.deepEqual(parseBuildArgs(['A=1', 'B=x=y', 'C=', 'WHITTLE_TEST_ARG', 'UNSET_WHITTLE_ARG']), { A: '1', B: 'x=y', C: '', WHITTLE_TEST_ARG: 'from-env' });
    assert.throws(() => parseBuildArgs(['=1']), ConfigError);
  });

  it('extends and overrides the config file', () => {
    const base = { ...defaultLintRunConfig, ignored: ['a'], trustedRegistries: ['r1'], buildArgs: { X: '1', Y: '2' } };
    const merged = applyCliOptions(base, { ignore: ['b'], trustedRegistry: ['r2'], buildArg: ['Y=3'], ignorePragma: false, failureThreshold: 'error' });
    assert.deepEqual(merged.ignored, ['a', 'b']);
    assert.deepEqual(merged.trustedRegistries, ['r1', 'r2']);
    assert.deepEqual(merged.buildArgs, { X: '1', Y: '3' });
    assert.equal(merged.disableIgnorePragma, true);
    assert.equal(merged.failureThreshold, 'error');
    assert.equal(applyCliOptions(base, { ignorePragma: true, failureThreshold: 'none' }).noFail, true);
  });
});

describe('per-file problems', () => {
  it('keeps the position of a user error and turns a bug into one line, the stack kept for --debug', () => {
    assert.equal(formatProblem(problemFrom(new InputError('unknown instruction: FOO', 'Dockerfile', 2, 1), 'x')), 'Dockerfile:2:1: unknown instruction: FOO');
    const bug = problemFrom(new TypeError('x is not a function'), 'svc/Dockerfile');
    assert.equal(formatProblem(bug), 'svc/Dockerfile: internal error: x is not a function (run with --debug for the stack)');
    assert.match(formatProblem(bug, true), /\n\s+at /);
    assert.equal(formatProblem(problemFrom(Object.assign(new Error('denied'), { code: 'EACCES' }), 'D')), 'D: permission denied');
  });
});
