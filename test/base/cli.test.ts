/** `whittle base` command-line behaviour that needs no network: presets, usage errors, spec errors with positions. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBaseSpec } from '../../src/base/spec.js';
import { whittle } from './cli-run.js';

describe('whittle base (no network)', () => {
  test('--list-presets names every preset with its purpose; --show-preset prints a spec that parses', async () => {
    const list = await whittle(['base', '--list-presets']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^static +for static binaries/m);
    assert.match(list.stdout, /^python3-debug +/m);
    const show = await whittle(['base', '--show-preset', 'base-debug']);
    assert.equal(show.code, 0);
    const spec = parseBaseSpec('shown', show.stdout);
    assert.deepEqual(spec.layers.map((l) => l.name), ['system', 'debug']);
  });

  test('a spec error is one line with file:line:col, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-cli-'));
    const spec = join(dir, 'whittle-base.yaml');
    writeFileSync(spec, 'packages: [libc6]\nuser:\n  name: app\n  uid: many\n');
    const r = await whittle(['base', spec, '-o', `oci:${join(dir, 'out')}`]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), `${spec}:4:8: user.uid must be a number`);
    assert.ok(!existsSync(join(dir, 'out')) && !existsSync(join(dir, 'whittle-base.lock')));
  });

  test('usage errors: no output, a bad output, spec and preset together, a missing spec, a bad --add', async () => {
    const cases: [string[], RegExp][] = [
      [['base', '--preset', 'base'], /^missing --output/],
      [['base', '--preset', 'base', '-o', 'nowhere'], /^output "nowhere": not an output/],
      [['base', 'x.yaml', '--preset', 'base', '-o', 'oci:/tmp/never'], /give a spec file or --preset, not both/],
      [['base', '/nonexistent/whittle-base.yaml', '-o', 'oci:/tmp/never'], /^\/nonexistent\/whittle-base.yaml: spec file not found$/],
      [['base', '--preset', 'base', '--add', 'Bad Pkg', '-o', 'oci:/tmp/never'], /--add: "Bad Pkg" is not a Debian package name/],
      [['base', '--preset', 'nope', '-o', 'oci:/tmp/never'], /unknown preset "nope"/],
    ];
    for (const [args, message] of cases) {
      const r = await whittle(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.trim(), message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
    assert.ok(!existsSync('/tmp/never'));
  });
});
