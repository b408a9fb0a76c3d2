import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openImage } from '../../src/image/open.js';
import { writeOciArchive, type TestEntry } from '../helpers/image-writer.js';
import { readLayerVerified, tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);
let n = 0;
const fresh = () => join(tmp.dir, `oci-${n++}.tar`);
const files: TestEntry[] = [{ path: 'usr/', type: 'dir' }, { path: 'usr/lib/libx.so', content: Buffer.alloc(4096, 9) }];

describe('oci-archive', () => {
  it('reads a tar of a layout in place, with and without a tag', async () => {
    const file = fresh();
    const w = await writeOciArchive(file, { layers: [files], tag: '1.0' });
    for (const ref of [`oci-archive:${file}`, `oci-archive:${file}:1.0`]) {
      const img = await openImage(ref);
      assert.equal(img.source, 'oci-archive');
      assert.equal(img.digest, w.images[0]!.digest);
      assert.deepEqual(await readLayerVerified(img.layers[0]!), w.images[0]!.layers[0]!.tar);
    }
    await assert.rejects(openImage(`oci-archive:${file}:2.0`), /no image named "2.0" \(names: 1.0\)/);
  });

  it('selects a platform from a multi-platform index, zstd layers included', async () => {
    const file = fresh();
    const w = await writeOciArchive(file, {
      index: 'multi-platform',
      attestation: true,
      platforms: [
        { layers: [files], platform: { os: 'linux', architecture: 'amd64' }, compression: 'zstd' },
        { layers: [files, files], platform: { os: 'linux', architecture: 'arm64' }, compression: 'zstd' },
      ],
    });
    const img = await openImage(`oci-archive:${file}`, { platform: 'linux/arm64' });
    assert.equal(img.digest, w.images[1]!.digest);
    assert.equal(img.layers.length, 2);
    assert.equal(img.layers[1]!.compression, 'zstd');
    assert.deepEqual(await readLayerVerified(img.layers[1]!), w.images[1]!.layers[1]!.tar);
  });

  it('refuses a truncated blob and a truncated archive', async () => {
    let file = fresh();
    await writeOciArchive(file, { layers: [files], corrupt: { truncateBlob: 0 } });
    await assert.rejects(openImage(`oci-archive:${file}`), /layer 0 \(sha256:[a-f0-9]+\): blob is \d+ bytes, its descriptor says \d+/);
    file = fresh();
    await writeOciArchive(file, { layers: [files] });
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, 1500));
    await assert.rejects(openImage(`oci-archive:${file}`), /truncated tar archive/);
  });

  it('names a missing archive', async () => {
    await assert.rejects(openImage(`oci-archive:${join(tmp.dir, 'missing.tar')}`), /cannot open archive: ENOENT/);
  });
});

describe('compressed archives (docker save | gzip, .tar.zst)', () => {
  it('reads a gzip-compressed docker archive and a zstd-compressed OCI archive through a private copy removed on close', async () => {
    const { gzipSync } = await import('node:zlib');
    const { execFileSync } = await import('node:child_process');
    const { writeDockerArchive } = await import('../helpers/image-writer.js');
    const { readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('whittle-archive-')).length;
    const before = copies();
    const plain = fresh();
    const w = await writeDockerArchive(plain, { layers: [files], tag: 'app:1' });
    const gz = `${plain}.gz`;
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    const img = await openImage(`docker-archive:${gz}:app:1`);
    assert.equal(img.configDigest, w.images[0]!.configDigest);
    assert.deepEqual(await readLayerVerified(img.layers[0]!), w.images[0]!.layers[0]!.tar);
    assert.equal(copies(), before + 1);
    await img.close();
    assert.equal(copies(), before);
    const oci = fresh();
    const o = await writeOciArchive(oci, { layers: [files] });
    execFileSync('zstd', ['-q', oci, '-o', `${oci}.zst`]);
    const img2 = await openImage(`${oci}.zst`);
    assert.equal(img2.digest, o.images[0]!.digest);
    await img2.close();
    assert.equal(copies(), before);
  });

  it('a corrupt compressed archive is refused naming it, leaving no copy behind', async () => {
    const { gzipSync } = await import('node:zlib');
    const { randomBytes } = await import('node:crypto');
    const file = `${fresh()}.gz`;
    writeFileSync(file, gzipSync(randomBytes(100000)).subarray(0, 5000));
    const { readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('whittle-archive-')).length;
    const before = copies();
    await assert.rejects(openImage(file), (e: unknown) => (e as { file?: string }).file === file && /cannot decompress gzip archive: unexpected end of file/.test((e as Error).message));
    assert.equal(copies(), before);
  });
});
