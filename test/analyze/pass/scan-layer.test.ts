import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../../src/core/errors.js';
import { openImage } from '../../../src/image/open.js';
import type { Compression } from '../../../src/image/types.js';
import { runPass } from '../../../src/analyze/pass/run-pass.js';
import { Sniff } from '../../../src/analyze/pass/types.js';
import type { BuiltLayer, TestEntry } from '../../helpers/image-writer.js';
import { buildLayer, buildTar, compress, sha256 } from '../../helpers/image-writer.js';
import { memoryImage, ociLayout } from '../image-fixture.js';

const entries: TestEntry[] = [
  { path: './etc/', type: 'dir' },
  { path: './etc/os-release', content: 'ID=debian\n' },
  { path: 'usr/bin/.wh.old' },
  { path: 'opt/.wh..wh..opq' },
  { path: '/big.bin', content: Buffer.alloc(5000, 7), mode: 0o755 },
  { path: 'hard', type: 'link', linkname: './big.bin' },
  { path: 'lnk', type: 'symlink', linkname: '../../etc/os-release' },
];

/** A layer whose stored bytes are `blob` (digest recomputed), keeping the real tar's diffID. */
function withBlob(layer: BuiltLayer, blob: Buffer): BuiltLayer {
  return { ...layer, blob, digest: sha256(blob) };
}

async function passError(layers: BuiltLayer[], options: Parameters<typeof runPass>[1] = { workers: 0 }): Promise<InputError> {
  const image = await memoryImage(layers);
  try {
    await runPass(image, options);
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    return err;
  }
  assert.fail('the pass accepted a hostile or broken layer');
}

describe('layer pass', () => {
  for (const compression of ['none', 'gzip', 'zstd'] as Compression[]) {
    it(`reads a ${compression} layer: entries, whiteouts, links, digests`, async () => {
      const layer = await buildLayer(entries, compression);
      const { layers } = await runPass(await memoryImage([layer]), { workers: 0 });
      const scan = layers[0]!;
      assert.equal(scan.digest, layer.digest);
      assert.equal(scan.diffId, layer.diffId);
      assert.equal(scan.tarBytes, layer.tar.length);
      assert.equal(scan.compressedBytes, layer.blob.length);
      assert.deepEqual(
        scan.entries.map((e) => [e.path, e.type, e.size, e.link ?? null]),
        [
          ['/etc', 'dir', 0, null],
          ['/etc/os-release', 'file', 10, null],
          ['/usr/bin/old', 'whiteout', 0, null],
          ['/opt', 'opaque', 0, null],
          ['/big.bin', 'file', 5000, null],
          ['/hard', 'hardlink', 0, '/big.bin'],
          ['/lnk', 'symlink', 0, '../../etc/os-release'],
        ],
      );
      const big = scan.entries.find((e) => e.path === '/big.bin')!;
      assert.equal(big.mode, 0o755);
      assert.match(big.hash ?? '', /^[0-9a-f]{32}$/);
      assert.deepEqual(
        scan.captured.map((c) => [c.path, Buffer.from(c.data).toString()]),
        [['/etc/os-release', 'ID=debian\n']],
      );
    });
  }

  it('gives the same scans on worker threads as in-process', async () => {
    const image = await memoryImage([entries, [{ path: 'x', content: Buffer.alloc(3000, 1) }], [{ path: 'y' }]]);
    const inProcess = await runPass(image, { workers: 0 });
    const onWorkers = await runPass(image, { workers: 2 });
    assert.deepEqual(
      onWorkers.layers.map((l) => ({ ...l, captured: l.captured.map((c) => ({ ...c, data: Buffer.from(c.data).toString('hex') })) })),
      inProcess.layers.map((l) => ({ ...l, captured: l.captured.map((c) => ({ ...c, data: Buffer.from(c.data).toString('hex') })) })),
    );
  });

  it('sniffs ELF, UPX and PEM private keys from the first bytes', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200), Buffer.from('UPX!'), Buffer.alloc(100)]);
    const plainElf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(300)]);
    const { layers } = await runPass(
      await memoryImage([
        [
          { path: 'upx', content: elf },
          { path: 'elf', content: plainElf },
          { path: 'k', content: '-----BEGIN RSA PRIVATE KEY-----\nabc\n' },
        ],
      ]),
      { workers: 0 },
    );
    const sniff = Object.fromEntries(layers[0]!.entries.map((e) => [e.path, e.sniff ?? 0]));
    assert.equal(sniff['/upx'], Sniff.Elf | Sniff.Upx);
    assert.equal(sniff['/elf'], Sniff.Elf);
    assert.equal(sniff['/k'], Sniff.PrivateKey);
  });

  it('refuses a blob whose digest does not match, naming the layer and digest', async () => {
    const good = await buildLayer([{ path: 'a', content: 'a' }]);
    const other = await buildLayer([{ path: 'b', content: 'b' }]);
    const err = await passError([good, { ...good, blob: other.blob }]);
    assert.match(err.message, /^layer 1 \(sha256:[0-9a-f]{64}\): digest mismatch/);
    assert.ok(err.message.includes(good.digest));
  });

  it('refuses a layer whose tar does not match its diffID', async () => {
    const good = await buildLayer([{ path: 'a', content: 'a' }]);
    const err = await passError([{ ...good, diffId: sha256('something else') }]);
    assert.match(err.message, /^layer 0 \(sha256:[0-9a-f]{64}\): diffID mismatch/);
  });

  it('refuses a diffID mismatch from an OCI layout on disk, on workers too', async () => {
    const dir = await ociLayout({ layers: [[{ path: 'a', content: 'a' }], [{ path: 'b', content: 'b' }]], corrupt: { diffId: 1 } });
    const image = await openImage(dir);
    try {
      await assert.rejects(runPass(image, { workers: 2 }), (err: Error) => err instanceof InputError && /^layer 1 .*diffID mismatch/.test(err.message));
    } finally {
      await image.close();
    }
  });

  it('refuses a path that escapes the root with ..', async () => {
    const err = await passError([await buildLayer([{ path: 'ok', content: '1' }, { path: '../../etc/passwd', content: 'root::0:0' }], 'gzip')]);
    assert.match(err.message, /layer 0 .*"\.\.\/\.\.\/etc\/passwd" escapes the root/);
  });

  it('accepts .. that stays inside the root and absolute names', async () => {
    const { layers } = await runPass(await memoryImage([[{ path: 'a/../b', content: '1' }, { path: '/abs/x', content: '2' }]]), { workers: 0 });
    assert.deepEqual(layers[0]!.entries.map((e) => e.path), ['/b', '/abs/x']);
  });

  it('refuses a hardlink whose target escapes the root', async () => {
    const err = await passError([await buildLayer([{ path: 'h', type: 'link', linkname: '../../../etc/shadow' }])]);
    assert.match(err.message, /layer 0 .*hardlink \/h points outside the root/);
  });

  it('accepts symlinks with absolute targets and targets above the root', async () => {
    const { layers } = await runPass(await memoryImage([[{ path: 's', type: 'symlink', linkname: '/etc/passwd' }, { path: 't', type: 'symlink', linkname: '../../..' }]]), { workers: 0 });
    assert.equal(layers[0]!.entries.length, 2);
  });

  it('refuses truncated gzip data', async () => {
    const layer = await buildLayer([{ path: 'f', content: Buffer.alloc(100_000, 3) }, { path: 'g', content: 'x' }], 'gzip');
    const err = await passError([withBlob(layer, layer.blob.subarray(0, Math.floor(layer.blob.length / 2)))]);
    assert.match(err.message, /layer 0 .*corrupt or truncated gzip data/);
  });

  it('refuses corrupt zstd data (bad magic), on a worker too', async () => {
    const layer = await buildLayer([{ path: 'f', content: 'hello' }], 'zstd');
    const bad = Buffer.from(layer.blob);
    bad[0] = 0x00;
    const err = await passError([withBlob(layer, bad)]);
    assert.match(err.message, /layer 0 .*corrupt or truncated zstd data/);
    const onWorker = await passError([withBlob(layer, bad), await buildLayer([{ path: 'x' }])], { workers: 2 });
    assert.match(onWorker.message, /layer 0 .*corrupt or truncated zstd data/);
  });

  it('refuses truncated zstd data', async () => {
    const layer = await buildLayer([{ path: 'f', content: Buffer.alloc(300_000, 'ab') }], 'zstd');
    const err = await passError([withBlob(layer, layer.blob.subarray(0, layer.blob.length - 8))]);
    assert.match(err.message, /layer 0 .*zstd/);
  });

  it('refuses a tar bomb by its decompression ratio', async () => {
    // Eight files of 512 KiB of zeros: no single header is absurd, the stream as a whole is.
    const layer = await buildLayer(Array.from({ length: 8 }, (_, i) => ({ path: `zeros${i}`, content: Buffer.alloc(512 * 1024) })), 'gzip');
    assert.ok(layer.tar.length / layer.blob.length > 200);
    const err = await passError([layer], { workers: 0, limits: { maxRatio: 200, bombMinBytes: 1024 * 1024 } });
    assert.match(err.message, /layer 0 .*more than 200 times its size.*tar bomb/);
    // The same layer under the default limits (1 GiB before the ratio applies) is fine.
    await runPass(await memoryImage([layer]), { workers: 0 });
  });

  it('refuses an entry whose header claims more bytes than an uncompressed layer holds', async () => {
    const layer = await buildLayer([{ path: 'liar', content: 'x', size: 1_000_000 }], 'none');
    const err = await passError([layer]);
    assert.match(err.message, /layer 0 .*entry liar claims 1000000 bytes but only \d+ remain/);
  });

  it('refuses an absurd header size in a compressed layer', async () => {
    const tar = await buildTar([{ path: 'liar', content: 'x', size: 8_000_000_000 }]);
    const blob = gzipSync(tar);
    const layer: BuiltLayer = { blob, tar, digest: sha256(blob), diffId: sha256(tar), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', compression: 'gzip' };
    const err = await passError([layer]);
    assert.match(err.message, /layer 0 .*entry liar claims 8000000000 bytes.*tar bomb/);
  });

  it('refuses a layer with more entries than the cap', async () => {
    const layer = await buildLayer(['a', 'b', 'c', 'd'].map((p) => ({ path: p, content: p })), 'gzip');
    const err = await passError([layer], { workers: 0, limits: { maxEntries: 3 } });
    assert.match(err.message, /layer 0 .*more than 3 entries/);
  });

  it('refuses a tar that is not a tar', async () => {
    const junk = compress(Buffer.alloc(2048, 0x41), 'gzip');
    const tar = Buffer.alloc(2048, 0x41);
    const err = await passError([{ blob: junk, tar, digest: sha256(junk), diffId: sha256(tar), mediaType: 'x', compression: 'gzip' }]);
    assert.match(err.message, /layer 0 .*corrupt tar/);
  });
});
