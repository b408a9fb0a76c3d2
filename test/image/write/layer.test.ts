/**
 * buildLayer: the tar it writes (order, parents, owners, modes, times, links, long names), the digests it reports
 * (checked against the bytes on disk), reproducibility, each compression, and refusals that leave nothing behind.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.js';
import { MediaType } from '../../../src/image/media-types.js';
import type { Compression } from '../../../src/image/types.js';
import { buildLayer } from '../../../src/image/write/layer.js';
import type { LayerEntry } from '../../../src/image/write/types.js';
import { tempDir } from '../support.js';
import { decompress, readLayerFile, readTar, sampleEntries, sha256 } from './support.js';

const tmp = tempDir('whittle-write-layer-');
after(tmp.cleanup);
const EPOCH = 1_700_000_000;
let n = 0;
const workDir = () => join(tmp.dir, `w${n++}`);

describe('buildLayer: the tar', () => {
  it('sorts members by bytes, adds parents as root 0755, fixes times and owners, keeps links and long names', async () => {
    const layer = await buildLayer(sampleEntries(), { mtime: EPOCH, compression: 'gzip', workDir: workDir(), createdBy: 'test layer' });
    const members = await readLayerFile(layer.file, 'gzip');
    const names = members.map((m) => m.name);
    const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a.replace(/\/$/, '')), Buffer.from(b.replace(/\/$/, ''))));
    assert.deepEqual(names, sorted);
    assert.equal(new Set(names).size, names.length);
    for (const m of members) {
      assert.equal(m.mtime, EPOCH, m.name);
      assert.equal(m.uname, '', m.name);
      assert.equal(m.gname, '', m.name);
    }
    const byName = new Map(members.map((m) => [m.name, m]));
    for (const parent of ['usr/', 'usr/bin/', 'srv/', 'srv/data/', 'home/', 'opt/', 'etc/']) {
      const p = byName.get(parent);
      assert.ok(p, `parent ${parent} added`);
      assert.equal(p.type, 'directory');
      assert.equal(p.mode, 0o755);
      assert.equal(p.uid, 0);
    }
    assert.equal(byName.get('home/app/')?.mode, 0o700, 'a given directory keeps its mode');
    assert.equal(byName.get('home/app/')?.uid, 1000);
    const blob = byName.get('srv/data/blob.bin')!;
    assert.equal(blob.size, 200_000);
    assert.equal(blob.mode, 0o640);
    assert.deepEqual([blob.uid, blob.gid], [1000, 1001]);
    assert.deepEqual(blob.data, Buffer.concat(await Readable.from((sampleEntries()[3]!.data as () => Readable)()).toArray()));
    assert.equal(byName.get('etc/setuid')?.mode, 0o4755);
    assert.equal(byName.get('usr/bin/tool-link')?.type, 'symlink');
    assert.equal(byName.get('usr/bin/tool-link')?.linkname, 'tool');
    // The first member of a hardlink group carries the data; the later one links back to it.
    assert.equal(byName.get('usr/bin/tool')?.type, 'file');
    assert.equal(byName.get('usr/bin/tool-hard')?.type, 'link');
    assert.equal(byName.get('usr/bin/tool-hard')?.linkname, 'usr/bin/tool');
    const long = names.find((x) => x.endsWith('file-with-a-long-name.txt'));
    assert.ok(long && long.length > 200, 'a path over 100 bytes survives whole (PAX)');
    assert.equal(layer.createdBy, 'test layer');
    assert.equal(layer.mediaType, MediaType.OciLayerGzip);
  });

  it('GNU tar lists the same members (a second reader)', async () => {
    const layer = await buildLayer(sampleEntries(), { mtime: EPOCH, compression: 'gzip', workDir: workDir() });
    const listing = execFileSync('tar', ['-tzvf', layer.file, '--numeric-owner'], { encoding: 'utf8' });
    assert.match(listing, /^-rw-r----- 1000\/1001\s+200000 2023-11-14 \d\d:\d\d srv\/data\/blob\.bin$/m);
    assert.match(listing, /^lrwxrwxrwx 0\/0\s+0 .* usr\/bin\/tool-link -> tool$/m);
    assert.match(listing, /^hrwxr-xr-x 0\/0\s+0 .* usr\/bin\/tool-hard link to usr\/bin\/tool$/m);
    assert.match(listing, /^-rwsr-xr-x 0\/0\s+1 .* etc\/setuid$/m);
  });

  it('a hardlink whose target sorts after it becomes the data carrier (extractors need the target first)', async () => {
    const entries: LayerEntry[] = [
      { path: 'z/original', type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('data') },
      { path: 'a/link', type: 'hardlink', mode: 0o644, uid: 0, gid: 0, linkTarget: 'z/original' },
    ];
    const layer = await buildLayer(entries, { mtime: EPOCH, compression: 'none', workDir: workDir() });
    const files = (await readLayerFile(layer.file, 'none')).filter((m) => m.type !== 'directory');
    assert.deepEqual(files.map((m) => [m.name, m.type, m.linkname, m.data.toString()]), [
      ['a/link', 'file', null, 'data'],
      ['z/original', 'link', 'a/link', ''],
    ]);
    const out = join(tmp.dir, 'extract-hardlink');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xf', layer.file, '-C', out]);
    assert.equal(readFileSync(join(out, 'z/original'), 'utf8'), 'data');
  });
});

describe('buildLayer: digests and reproducibility', () => {
  for (const compression of ['gzip', 'zstd', 'none'] as Compression[]) {
    it(`${compression}: digest is the blob's sha256, diffId the tar's, size the blob's`, async () => {
      const layer = await buildLayer(sampleEntries(), { mtime: EPOCH, compression, workDir: workDir() });
      const blob = readFileSync(layer.file);
      assert.equal(layer.digest, sha256(blob));
      assert.equal(layer.size, blob.length);
      const tar = decompress(blob, compression);
      assert.equal(layer.diffId, sha256(tar));
      assert.ok((await readTar(tar)).some((m) => m.name === 'srv/data/blob.bin'));
      if (compression === 'none') assert.equal(layer.digest, layer.diffId);
      else assert.ok(blob.length < tar.length);
    });
  }

  it('the same entries in any order give the same bytes; another mtime gives another digest', async () => {
    const a = await buildLayer(sampleEntries(), { mtime: EPOCH, compression: 'gzip', workDir: workDir() });
    const b = await buildLayer(sampleEntries().reverse(), { mtime: EPOCH, compression: 'gzip', workDir: workDir() });
    assert.equal(a.digest, b.digest);
    assert.equal(a.diffId, b.diffId);
    assert.deepEqual(readFileSync(a.file), readFileSync(b.file));
    const c = await buildLayer(sampleEntries(), { mtime: EPOCH + 1, compression: 'gzip', workDir: workDir() });
    assert.notEqual(c.digest, a.digest);
    assert.notEqual(c.diffId, a.diffId);
    const z1 = await buildLayer(sampleEntries(), { mtime: EPOCH, compression: 'zstd', workDir: workDir() });
    const z2 = await buildLayer(sampleEntries().reverse(), { mtime: EPOCH, compression: 'zstd', workDir: workDir() });
    assert.equal(z1.digest, z2.digest);
  });

  it('the gzip header carries no time and no name', async () => {
    const layer = await buildLayer(sampleEntries(), { mtime: EPOCH, compression: 'gzip', workDir: workDir() });
    const head = readFileSync(layer.file).subarray(0, 10);
    assert.equal(head.readUInt32LE(4), 0, 'MTIME is zero');
    assert.equal(head[3]! & 0x08, 0, 'no FNAME flag');
    assert.equal(head[9], 3, 'OS byte Unix, whatever zlib was built for');
  });
});

describe('buildLayer: refusals leave nothing behind', () => {
  const file = (path: string): LayerEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('x') });
  const cases: [string, LayerEntry[], RegExp][] = [
    ['an absolute path', [file('/etc/passwd')], /"\/etc\/passwd": absolute path/],
    ['a path climbing out', [file('usr/../../etc/shadow')], /climbs out of the image root/],
    ['a "." component', [file('./etc/x')], /empty or "\." component/],
    ['a trailing slash', [file('etc/x/')], /empty or "\." component/],
    ['a duplicate', [file('etc/x'), file('etc/x')], /"etc\/x": duplicate path/],
    ['a file as a parent', [file('etc'), file('etc/x')], /its parent "etc" is a file, not a directory/],
    ['a hardlink to nothing', [{ path: 'a', type: 'hardlink', mode: 0o644, uid: 0, gid: 0, linkTarget: 'missing' }], /hardlink target "missing" is not in the layer/],
    ['a hardlink climbing out', [{ path: 'a', type: 'hardlink', mode: 0o644, uid: 0, gid: 0, linkTarget: '../x' }], /climbs out/],
    ['a symlink without a target', [{ path: 'a', type: 'symlink', mode: 0o777, uid: 0, gid: 0 }], /symlink without a target/],
    ['a uid beyond the tar header', [{ ...file('a'), uid: 2 ** 24 }], /uid 16777216 out of range/],
  ];
  for (const [what, entries, message] of cases) {
    it(what, async () => {
      const dir = workDir();
      await assert.rejects(buildLayer(entries, { mtime: EPOCH, compression: 'gzip', workDir: dir }), (e: unknown) => e instanceof InputError && message.test(e.message));
      let left: string[] = [];
      try {
        left = readdirSync(dir);
      } catch {
        // never created: nothing left
      }
      assert.deepEqual(left, []);
    });
  }

  it('streamed data shorter or longer than its size: an error naming the entry, no blob left', async () => {
    for (const [size, message] of [[10, /data is longer than its size 10/], [1000, /data has 100 bytes, its size says 1000/]] as const) {
      const dir = workDir();
      const entries: LayerEntry[] = [{ path: 'f', type: 'file', mode: 0o644, uid: 0, gid: 0, size, data: () => Readable.from([Buffer.alloc(100)]) }];
      await assert.rejects(buildLayer(entries, { mtime: EPOCH, compression: 'gzip', workDir: dir }), message);
      assert.deepEqual(readdirSync(dir), []);
    }
  });

  it('a data stream that fails: its error, no blob left', async () => {
    const dir = workDir();
    const failing = () =>
      new Readable({
        read() {
          this.destroy(new Error('disk read failed'));
        },
      });
    await assert.rejects(buildLayer([{ path: 'f', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 5, data: failing }], { mtime: EPOCH, compression: 'zstd', workDir: dir }), /disk read failed/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('an mtime that is not whole seconds since 1970', async () => {
    await assert.rejects(buildLayer([file('a')], { mtime: -1, compression: 'gzip', workDir: workDir() }), /SOURCE_DATE_EPOCH/);
  });
});
