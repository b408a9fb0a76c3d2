import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMergedFs, lookup, visibleEntries } from '../../../src/analyze/fs/merged.js';
import type { MergedFs } from '../../../src/analyze/fs/merged.js';
import { runPass } from '../../../src/analyze/pass/run-pass.js';
import type { TestEntry } from '../../helpers/image-writer.js';
import { memoryImage } from '../image-fixture.js';

async function merged(layers: TestEntry[][]): Promise<MergedFs> {
  const { layers: scans } = await runPass(await memoryImage(layers, { compression: 'none' }), { workers: 0 });
  return buildMergedFs(scans);
}

/** Visible paths with type, size and layer, sorted. */
function visible(fs: MergedFs): string[] {
  return [...visibleEntries(fs)].map(({ entry, layer }) => `${entry.path} ${entry.type} ${entry.size} L${layer}`).sort();
}

function hidden(fs: MergedFs): string[] {
  return fs.hidden.map((h) => `${h.path} ${h.size} L${h.layer} ${h.how} by L${h.hiddenBy}`).sort();
}

const bytes = (n: number) => Buffer.alloc(n, 0x61);

describe('merged file system', () => {
  it('a whiteout deletes a file of a lower layer; its bytes stay shipped below', async () => {
    const fs = await merged([[{ path: 'a', content: bytes(100) }, { path: 'b', content: bytes(10) }], [{ path: '.wh.a' }]]);
    assert.deepEqual(visible(fs), ['/b file 10 L0']);
    assert.deepEqual(hidden(fs), ['/a 100 L0 deleted by L1']);
    assert.equal(fs.changes[1]!.removed, 1);
    assert.equal(fs.changes[1]!.removedBytes, 100);
    assert.equal(fs.changes[0]!.hiddenBytes, 100);
  });

  it('a whiteout of a directory deletes everything below it', async () => {
    const fs = await merged([
      [{ path: 'd/', type: 'dir' }, { path: 'd/x', content: bytes(50) }, { path: 'd/e/y', content: bytes(70) }, { path: 'keep', content: 'k' }],
      [{ path: '.wh.d' }],
    ]);
    assert.deepEqual(visible(fs), ['/keep file 1 L0']);
    assert.deepEqual(hidden(fs), ['/d/e/y 70 L0 deleted by L1', '/d/x 50 L0 deleted by L1']);
    assert.equal(fs.changes[1]!.removed, 2);
    assert.equal(fs.changes[1]!.removedBytes, 120);
    assert.equal(lookup(fs.root, '/d'), null);
  });

  it('an opaque directory hides every lower child, whatever its place in the tar', async () => {
    for (const order of ['marker-first', 'marker-last']) {
      const upper: TestEntry[] = [{ path: 'o/c', content: bytes(5) }];
      const marker: TestEntry = { path: 'o/.wh..wh..opq' };
      if (order === 'marker-first') upper.unshift(marker);
      else upper.push(marker);
      const fs = await merged([[{ path: 'o/', type: 'dir' }, { path: 'o/a', content: bytes(10) }, { path: 'o/sub/b', content: bytes(20) }], upper]);
      assert.deepEqual(visible(fs), ['/o dir 0 L0', '/o/c file 5 L1'], order);
      assert.deepEqual(hidden(fs), ['/o/a 10 L0 opaque by L1', '/o/sub/b 20 L0 opaque by L1'], order);
    }
  });

  it('a directory replaced by a file and back by a directory', async () => {
    const fs = await merged([
      [{ path: 'p/', type: 'dir' }, { path: 'p/q', content: bytes(40) }],
      [{ path: 'p', content: bytes(15) }],
      [{ path: 'p/', type: 'dir' }, { path: 'p/r', content: bytes(8) }],
    ]);
    assert.deepEqual(visible(fs), ['/p dir 0 L2', '/p/r file 8 L2']);
    assert.deepEqual(hidden(fs), ['/p 15 L1 replaced by L2', '/p/q 40 L0 replaced by L1']);
    assert.equal(fs.changes[1]!.modified, 1);
    assert.equal(fs.changes[2]!.added, 1);
  });

  it('a lower file in the way of a new path becomes a directory', async () => {
    const fs = await merged([[{ path: 'x', content: bytes(9) }], [{ path: 'x/y', content: 'y' }]]);
    assert.deepEqual(visible(fs), ['/x/y file 1 L1']);
    assert.deepEqual(hidden(fs), ['/x 9 L0 replaced by L1']);
  });

  it('hardlinks share their target bytes (counted once)', async () => {
    const fs = await merged([[{ path: 'f', content: bytes(2000) }, { path: 'h', type: 'link', linkname: 'f' }]]);
    assert.deepEqual(visible(fs), ['/f file 2000 L0', '/h hardlink 0 L0']);
    assert.equal(lookup(fs.root, '/h')!.entry!.link, '/f');
    assert.equal(fs.hidden.length, 0);
  });

  it('deleting a hardlinked file hides no bytes while another link still shows them', async () => {
    const fs = await merged([
      [{ path: 'f', content: bytes(2000) }, { path: 'h', type: 'link', linkname: 'f' }, { path: 'h2', type: 'link', linkname: 'f' }],
      [{ path: '.wh.f' }],
      [{ path: '.wh.h' }],
    ]);
    assert.deepEqual(visible(fs), ['/h2 hardlink 0 L0']);
    assert.deepEqual(hidden(fs), []);
    const gone = await merged([[{ path: 'f', content: bytes(2000) }, { path: 'h', type: 'link', linkname: 'f' }], [{ path: '.wh.f' }, { path: '.wh.h' }]]);
    assert.deepEqual(hidden(gone), ['/f 2000 L0 deleted by L1']);
  });

  it('an overwrite in a later layer counts as modified; the lower copy is hidden', async () => {
    const fs = await merged([[{ path: 'm', content: bytes(5) }], [{ path: 'm', content: bytes(7) }]]);
    assert.deepEqual(visible(fs), ['/m file 7 L1']);
    assert.deepEqual(hidden(fs), ['/m 5 L0 overwritten by L1']);
    assert.deepEqual([fs.changes[1]!.added, fs.changes[1]!.modified, fs.changes[1]!.modifiedBytes], [0, 1, 7]);
  });

  it('the same path twice in one layer: the last entry wins', async () => {
    const fs = await merged([[{ path: 'twice', content: bytes(30) }, { path: 'twice', content: bytes(3) }]]);
    assert.deepEqual(visible(fs), ['/twice file 3 L0']);
    assert.deepEqual(hidden(fs), ['/twice 30 L0 overwritten by L0']);
  });

  it('a whiteout and a new file of the same name in one layer: the new file stays', async () => {
    const fs = await merged([[{ path: 'a', content: bytes(4) }], [{ path: 'a', content: bytes(6) }, { path: '.wh.a' }]]);
    assert.deepEqual(visible(fs), ['/a file 6 L1']);
    assert.deepEqual(hidden(fs), ['/a 4 L0 deleted by L1']);
  });

  it('a whiteout of a path that never existed changes nothing', async () => {
    const fs = await merged([[{ path: 'a', content: 'a' }], [{ path: 'nope/.wh.x' }, { path: '.wh.ghost' }]]);
    assert.deepEqual(visible(fs), ['/a file 1 L0']);
    assert.equal(fs.changes[1]!.removed, 0);
  });
});

describe('symlinks that matter', () => {
  it('reports an entry written below a lower-layer symlink that points outside the root', async () => {
    const { analyzeLayers } = await import('../image-fixture.js');
    const r = await analyzeLayers([
      [
        { path: 'evil', type: 'symlink', linkname: '../../../../etc' },
        { path: 'abs', type: 'symlink', linkname: '/usr/lib' },
        { path: 'inside', type: 'symlink', linkname: 'usr/share' },
        { path: 'harmless', type: 'symlink', linkname: '../../../../tmp' },
      ],
      [
        { path: 'evil/cron.d/job', content: 'x' },
        { path: 'abs/lib.so', content: 'x' },
        { path: 'inside/doc', content: 'x' },
      ],
    ]);
    const found = r.findings.filter((f) => f.rule === 'write-through-symlink').map((f) => f.path);
    assert.deepEqual(found.sort(), ['/abs/lib.so', '/evil/cron.d/job']);
    // overlayfs shows a directory where the upper layer wrote below the lower symlink.
    assert.ok(r.files.largest.some((f) => f.path === '/evil/cron.d/job'));
  });
});
