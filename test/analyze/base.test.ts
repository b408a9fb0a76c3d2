import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonPrefix } from '../../src/analyze/base.js';
import { runPass } from '../../src/analyze/pass/run-pass.js';
import { analyzeScans } from '../../src/analyze/inspect.js';
import { buildLayer } from '../helpers/image-writer.js';
import { memoryImage } from './image-fixture.js';

describe('base image', () => {
  it('marks the layers shared with --base as base, and prices the pull without them', async () => {
    const base = await buildLayer([{ path: 'etc/os-release', content: 'ID=alpine\n' }, { path: 'bin/busybox', content: Buffer.alloc(3000, 1) }]);
    const app = await buildLayer([{ path: 'app/main', content: Buffer.alloc(500, 2) }]);
    const image = await memoryImage([base, app]);
    const { layers } = await runPass(image, { workers: 0 });
    const r = analyzeScans(image, layers, { base: { reference: 'alpine:3.20', diffIds: [base.diffId] }, bandwidthMbit: 8 });
    assert.deepEqual(r.base, { method: 'reference', reference: 'alpine:3.20', layerCount: 1, sizeBytes: base.tar.length, compressedSizeBytes: base.blob.length });
    assert.deepEqual(r.layers.map((l) => l.base), [true, false]);
    // 8 Mbit/s is one megabyte a second.
    assert.equal(r.pullCost.seconds, (base.blob.length + app.blob.length) / 1e6);
    assert.equal(r.pullCost.withoutBaseSeconds, app.blob.length / 1e6);
  });

  it('a --base that is not below the image shares no layers', async () => {
    const image = await memoryImage([[{ path: 'a', content: 'a' }]]);
    const { layers } = await runPass(image, { workers: 0 });
    const r = analyzeScans(image, layers, { base: { reference: 'other', diffIds: ['sha256:' + 'f'.repeat(64)] } });
    assert.equal(r.base.layerCount, 0);
    assert.equal(commonPrefix(['a', 'b', 'c'], ['a', 'b', 'x']), 2);
  });
});
