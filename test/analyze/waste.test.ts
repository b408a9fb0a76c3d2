import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diveEfficiency } from '../../src/analyze/dive-efficiency.js';
import { runPass } from '../../src/analyze/pass/run-pass.js';
import type { TestEntry } from '../helpers/image-writer.js';
import { analyzeLayers, memoryImage } from './image-fixture.js';

const bytes = (n: number, fill = 0x61) => Buffer.alloc(n, fill);

/**
 * L0: /a 1000, /b 200, /d/ (dir) with /d/x 300       ships 1500
 * L1: /a 400 (overwrites), .wh.b                     ships 400
 * L2: .wh.d (deletes the directory), /c 100          ships 100
 */
const layers: TestEntry[][] = [
  [{ path: 'a', content: bytes(1000) }, { path: 'b', content: bytes(200) }, { path: 'd/', type: 'dir' }, { path: 'd/x', content: bytes(300) }],
  [{ path: 'a', content: bytes(400) }, { path: '.wh.b' }],
  [{ path: '.wh.d' }, { path: 'c', content: bytes(100) }],
];

describe('waste and efficiency', () => {
  it('counts the hidden copies only, not the kept one (hand-computed)', async () => {
    const r = await analyzeLayers(layers);
    // Hidden: /a of L0 (1000, overwritten), /b (200, deleted), /d/x (300, deleted with its directory) = 1500.
    assert.equal(r.wastedBytes, 1500);
    // Shipped 1500 + 400 + 100 = 2000; visible /a 400 + /c 100 = 500 = 2000 - 1500.
    assert.equal(r.image.visibleFileBytes, 500);
    assert.equal(r.efficiency, (2000 - 1500) / 2000);
    assert.deepEqual(
      r.layers.map((l) => [l.fileBytes, l.wastedBytes, l.efficiency]),
      [
        [1500, 1500, 0],
        [400, 0, 1],
        [100, 0, 1],
      ],
    );
    assert.deepEqual(
      r.files.wasted.map((w) => `${w.path} ${w.sizeBytes} L${w.layer} ${w.how} L${w.hiddenBy}`),
      ['/a 1000 L0 overwritten L1', '/d/x 300 L0 deleted L2', '/b 200 L0 deleted L1'],
    );
  });

  it("computes dive's efficiency and wasted bytes the way dive does (hand-computed)", async () => {
    const r = await analyzeLayers(layers);
    // dive visits each layer's leaves: /a [1000, 400], /b [200, whiteout of a file = 0], /d/x [300],
    // /d [whiteout of a directory = its subtree: 0 + 300], /c [100].
    // min: 400 + 0 + 300 + 300 + 100 = 1100; all: 1400 + 200 + 300 + 300 + 100 = 2300.
    assert.equal(r.dive.efficiency, 1100 / 2300);
    // dive's wasted bytes: paths seen twice or more, kept copy included: /a 1400 + /b 200 (the deleted /d is missed).
    assert.equal(r.dive.wastedBytes, 1600);
    // Divided by the sizes of all layers but the first: 400 + 100.
    assert.equal(r.dive.userWastedPercent, 1600 / 500);
  });

  it('counts bytes hidden by an opaque directory (dive ignores them)', async () => {
    const r = await analyzeLayers([
      [{ path: 'o/', type: 'dir' }, { path: 'o/a', content: bytes(50) }],
      [{ path: 'o/.wh..wh..opq' }, { path: 'o/b', content: bytes(10) }],
    ]);
    assert.equal(r.wastedBytes, 50);
    assert.equal(r.efficiency, 10 / 60);
    assert.equal(r.dive.efficiency, 1);
    assert.equal(r.dive.wastedBytes, 0);
  });

  it('an image with no layers, or only an empty one, is fully efficient', async () => {
    for (const layers of [[], [[]]] as TestEntry[][][]) {
      const r = await analyzeLayers(layers);
      assert.equal(r.image.layerCount, layers.length);
      assert.deepEqual([r.wastedBytes, r.efficiency, r.dive.efficiency, r.image.fileCount], [0, 1, 1, 0]);
    }
  });

  it('a hardlink keeps its content visible when the original path is deleted', async () => {
    const r = await analyzeLayers([[{ path: 'f', content: bytes(2000) }, { path: 'h', type: 'link', linkname: 'f' }], [{ path: '.wh.f' }]]);
    assert.equal(r.wastedBytes, 0);
    assert.equal(r.image.visibleFileBytes, 2000);
    assert.equal(r.efficiency, 1);
  });

  it('an image without waste has efficiency 1', async () => {
    const r = await analyzeLayers([[{ path: 'x', content: 'x' }], [{ path: 'y', content: 'y' }]]);
    assert.equal(r.wastedBytes, 0);
    assert.equal(r.efficiency, 1);
    assert.equal(r.dive.efficiency, 1);
    assert.equal(r.dive.wastedBytes, 0);
  });

  it('finds identical files under several paths from the pass hashes (hardlinks are not duplicates)', async () => {
    const r = await analyzeLayers([
      [
        { path: 'x1', content: bytes(3000, 0x71) },
        { path: 'x3', content: bytes(3000, 0x72) },
        { path: 'small1', content: 'tiny' },
        { path: 'small2', content: 'tiny' },
        { path: 'hl', type: 'link', linkname: 'x3' },
      ],
      [{ path: 'copy/x2', content: bytes(3000, 0x71) }],
    ]);
    assert.equal(r.duplicateBytes, 3000);
    assert.deepEqual(r.files.duplicates, [{ sizeBytes: 3000, paths: ['/copy/x2', '/x1'], wastedBytes: 3000 }]);
  });

  it('dive efficiency reads the scans alone (worker scans give the same)', async () => {
    const image = await memoryImage(layers);
    const a = diveEfficiency((await runPass(image, { workers: 0 })).layers);
    const b = diveEfficiency((await runPass(image, { workers: 2 })).layers);
    assert.deepEqual(a, b);
    assert.deepEqual(a.inefficientPaths, [
      { path: '/a', cumulativeBytes: 1400, layers: 2 },
      { path: '/b', cumulativeBytes: 200, layers: 2 },
    ]);
  });

  it('reports a finding for bytes deleted by a later layer, with what it saves', async () => {
    const r = await analyzeLayers(
      [
        [{ path: 'var/lib/apt/lists/deb_dists_main', content: bytes(2 * 1024 * 1024) }],
        [{ path: 'var/lib/apt/lists/.wh.deb_dists_main' }],
      ],
      { createdBy: ['/bin/sh -c apt-get update', '/bin/sh -c rm -rf /var/lib/apt/lists/*'] },
    );
    const f = r.findings.find((x) => x.rule === 'deleted-in-later-layer');
    assert.ok(f);
    assert.equal(f.bytes, 2 * 1024 * 1024);
    assert.equal(f.layer, 0);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /layer 0 \(RUN apt-get update\) ships 1 file .* that layer 1 \(RUN rm -rf \/var\/lib\/apt\/lists\/\*\) deletes/);
    assert.equal(f.fix, 'merge these RUNs and remove apt lists in the same layer that creates them: saves 2.1 MB');
    assert.equal(r.findings[0], f, 'the biggest saving comes first');
  });
});
