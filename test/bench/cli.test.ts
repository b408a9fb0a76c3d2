/**
 * `whittle bench` input errors through the real CLI (in-process): one line, exit 2, nothing built or left behind.
 * The build failures are real buildah builds that fail.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempTree } from '../cli/run-cli.js';
import { baseImageName, ensureBaseImage } from '../helpers/e2e-images.js';
import { e2eBenchFlags, snapshot, whittle } from './helpers.js';

let ctx: string;

before(async () => {
  await ensureBaseImage();
  ctx = tempTree({
    'Dockerfile': `FROM ${baseImageName}\nCOPY app.txt /app.txt\n`,
    'app.txt': 'hi\n',
    'fails.Dockerfile': `FROM ${baseImageName}\nCOPY app.txt /app.txt\nRUN echo "compiling the app"; echo "error: the build broke" >&2; exit 7\n`,
    'nobase.Dockerfile': 'FROM localhost/whittle-test/no-such-base:1\nCOPY app.txt /app.txt\n',
  });
});

after(() => rmSync(ctx, { recursive: true, force: true }));

/** One line and no stack frame (the engine's own output may say `Error:`, so run-cli's assertNoStack does not fit). */
function oneLine(stderr: string): string {
  assert.doesNotMatch(stderr, /^\s+at |node:internal|\.ts:\d+:\d+|internal error/m);
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  return lines[0]!;
}

describe('whittle bench: bad input', () => {
  it('a missing Dockerfile: exit 2, one line naming it', async () => {
    const r = await whittle(['bench', join(ctx, 'nope.Dockerfile'), '-q']);
    assert.equal(r.code, 2);
    assert.equal(oneLine(r.stderr), `${join(ctx, 'nope.Dockerfile')}: no such Dockerfile`);
    assert.equal(r.stdout, '');
  });

  it('a folder instead of a Dockerfile, three Dockerfiles, bad numbers, both smoke forms', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[ctx], /not a file \(give the Dockerfile, and the folder with --context\)/],
      [[join(ctx, 'Dockerfile'), join(ctx, 'Dockerfile'), join(ctx, 'Dockerfile')], /one Dockerfile, or two/],
      [[join(ctx, 'Dockerfile'), '--runs', '0'], /--runs expects a whole number from 1 to 100, got "0"/],
      [[join(ctx, 'Dockerfile'), '--port', '70000'], /--port expects a whole number from 1 to 65535/],
      [[join(ctx, 'Dockerfile'), '--smoke', 'true', '--smoke-json', '["true"]'], /give --smoke or --smoke-json, not both/],
      [[join(ctx, 'Dockerfile'), '--smoke-json', 'true'], /--smoke-json expects a .*JSON array of strings/],
      [[join(ctx, 'Dockerfile'), '--registry', 'http://x/y'], /--registry expects HOST:PORT, "local" or "none"/],
      [[join(ctx, 'Dockerfile'), '--build-arg', 'NOEQUALS'], /--build-arg expects KEY=VALUE/],
      [[join(ctx, 'Dockerfile'), '--context', join(ctx, 'app.txt')], /the build context is not a folder/],
      [[join(ctx, 'Dockerfile'), '--engine', 'docker'], /--engine docker: no Docker daemon answers/],
    ];
    for (const [args, message] of cases) {
      const r = await whittle(['bench', ...args, '-q', '--registry', args.includes('--registry') ? args[args.indexOf('--registry') + 1]! : 'none', ...e2eBenchFlags]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(oneLine(r.stderr), message);
    }
  });

  it('a build that fails: exit 2 with the engine\'s last lines, the context untouched', async () => {
    const before = snapshot(ctx);
    const r = await whittle(['bench', join(ctx, 'fails.Dockerfile'), '--runs', '1', '--registry', 'none', '-q', ...e2eBenchFlags]);
    assert.equal(r.code, 2);
    const line = oneLine(r.stderr);
    assert.match(line, /fails\.Dockerfile: buildah build exited with \d+:/);
    assert.match(line, /error: the build broke/);
    assert.match(line, /exit status 7|exit 7/);
    assert.deepEqual(snapshot(ctx), before);
  });

  it('a base image that is not local with --pull never: exit 2 naming it', async () => {
    const r = await whittle(['bench', join(ctx, 'nobase.Dockerfile'), '--runs', '1', '--registry', 'none', '-q', ...e2eBenchFlags]);
    assert.equal(r.code, 2);
    assert.match(oneLine(r.stderr), /nobase\.Dockerfile: buildah build exited with \d+:.*no-such-base/);
  });
});
