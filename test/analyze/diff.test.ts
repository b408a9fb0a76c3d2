import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { diffImages, entryChanges } from '../../src/analyze/diff.js';
import type { LayerEntry } from '../../src/analyze/pass/types.js';
import type { TestEntry } from '../helpers/image-writer.js';
import { buildLayer } from '../helpers/image-writer.js';
import { repoRoot } from '../helpers/paths.js';
import { memoryImage } from './image-fixture.js';

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(join(repoRoot, 'schema', 'diff-report.schema.json'), 'utf8')) as object,
);

const status = (pkgs: Array<[string, string]>) => pkgs.map(([n, v]) => `Package: ${n}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${v}\n`).join('\n');

describe('image diff', () => {
  it('reports shared, added and removed layers, files and packages, and the size delta', async () => {
    const base: TestEntry[] = [
      { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID=12\n' },
      { path: 'bin/tool', content: Buffer.alloc(2000, 1), mode: 0o755 },
      { path: 'old', content: Buffer.alloc(300, 1) },
      { path: 'same', content: 'same' },
    ];
    const baseLayer = await buildLayer(base);
    const a = await memoryImage([baseLayer, [{ path: 'var/lib/dpkg/status', content: status([['libc6', '2.36-9'], ['gone', '1.0']]) }]]);
    const b = await memoryImage([
      baseLayer,
      [
        { path: 'var/lib/dpkg/status', content: status([['libc6', '2.36-10'], ['curl', '7.88']]) },
        { path: 'bin/tool', content: Buffer.alloc(2500, 2), mode: 0o755 },
        { path: '.wh.old' },
        { path: 'new/file', content: Buffer.alloc(700, 3) },
      ],
    ]);
    const d = await diffImages(a, b, { pass: { workers: 0 } });
    assert.deepEqual(d.layers.shared.map((l) => l.index), [0]);
    assert.deepEqual(d.layers.added.map((l) => l.index), [1]);
    assert.deepEqual(d.layers.removed.map((l) => l.index), [1]);
    assert.deepEqual(d.files.added.map((f) => [f.path, f.sizeBytes]), [['/new/file', 700]]);
    assert.deepEqual(d.files.removed.map((f) => [f.path, f.sizeBytes]), [['/old', 300]]);
    assert.deepEqual(
      d.files.changed.map((f) => [f.path, f.deltaBytes, f.what]),
      [
        ['/bin/tool', 500, ['content']],
        ['/var/lib/dpkg/status', d.files.changed[1]!.sizeBytesB - d.files.changed[1]!.sizeBytesA, ['content']],
      ],
    );
    assert.deepEqual(d.packages.added, [{ name: 'curl', manager: 'dpkg', version: '7.88' }]);
    assert.deepEqual(d.packages.removed, [{ name: 'gone', manager: 'dpkg', version: '1.0' }]);
    assert.deepEqual(d.packages.changed, [{ name: 'libc6', manager: 'dpkg', from: '2.36-9', to: '2.36-10' }]);
    assert.equal(d.sizeDeltaBytes, d.b.sizeBytes - d.a.sizeBytes);
    assert.equal(d.files.addedBytes, 700);
    assert.equal(d.files.removedBytes, 300);
    assert.ok(validate(JSON.parse(JSON.stringify(d))), JSON.stringify(validate.errors));
  });

  it('tells what changed at one path', () => {
    const e = (x: Partial<LayerEntry>): LayerEntry => ({ path: '/f', type: 'file', size: 10, mode: 0o644, uid: 0, gid: 0, mtime: 1, ...x });
    assert.deepEqual(entryChanges(e({}), e({})), []);
    assert.deepEqual(entryChanges(e({}), e({ mode: 0o755, uid: 1 })), ['mode', 'owner']);
    assert.deepEqual(entryChanges(e({}), e({ mtime: 2 })), ['mtime']);
    assert.deepEqual(entryChanges(e({ hash: 'a', size: 2000 }), e({ hash: 'b', size: 2000 })), ['content']);
    assert.deepEqual(entryChanges(e({}), e({ type: 'symlink', link: 'x' })), ['type']);
  });
});
