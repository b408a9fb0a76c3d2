import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DiffReport } from '../../src/report/inspect/diff-model.js';
import { ociLayout } from '../analyze/image-fixture.js';
import { assertNoStack, runCli, tempTree } from './run-cli.js';

let older: string;
let newer: string;

before(async () => {
  older = await ociLayout({ layers: [[{ path: 'app/a', content: 'a' }, { path: 'app/big', content: Buffer.alloc(5000, 1) }]] });
  newer = await ociLayout({ layers: [[{ path: 'app/a', content: 'a' }, { path: 'app/big', content: Buffer.alloc(5000, 1) }], [{ path: 'app/b', content: Buffer.alloc(1234, 2) }]] });
});

describe('whittle diff (CLI)', () => {
  it('prints the differences as JSON', () => {
    const r = runCli(['diff', '-f', 'json', older, newer], { cwd: tempTree({}) });
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as DiffReport;
    assert.equal(d.layers.shared.length, 1);
    assert.equal(d.layers.added.length, 1);
    assert.deepEqual(d.files.added.map((f) => [f.path, f.sizeBytes]), [['/app/b', 1234]]);
    assert.equal(d.files.removedCount, 0);
    assert.equal(d.files.changedCount, 0);
    assert.ok(d.sizeDeltaBytes > 1234);
  });

  it('prints the differences as text', () => {
    const r = runCli(['diff', older, newer], { cwd: tempTree({}) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Layers {4}1 shared, 1 added, 0 removed$/m);
    assert.match(r.stdout, /^ {2}\+ +1\.2 kB {2}\/app\/b$/m);
  });

  it('fails with one line and exit 2 on a missing image', () => {
    const r = runCli(['diff', older, './missing.tar'], { cwd: tempTree({}) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.tar.*no such file or directory/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assertNoStack(r.stderr);
  });
});
