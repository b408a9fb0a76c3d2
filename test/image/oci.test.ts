import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { MediaType } from '../../src/image/media-types.js';
import { openImage } from '../../src/image/open.js';
import { hostPlatform } from '../../src/image/platform.js';
import { buildLayer, sha256, writeOciLayout, type TestEntry } from '../helpers/image-writer.js';
import { readLayerVerified, tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);
let n = 0;
const fresh = () => join(tmp.dir, `layout-${n++}`);

const base: TestEntry[] = [
  { path: 'etc/', type: 'dir' },
  { path: 'etc/os-release', content: 'ID=test\n' },
  { path: 'bin/sh', content: Buffer.alloc(3000, 1), mode: 0o755 },
];
const app: TestEntry[] = [{ path: 'app/main.js', content: 'console.log(1)\n' }, { path: 'app/link', type: 'symlink', linkname: 'main.js' }];

describe('oci: layouts', () => {
  it('opens a single-image layout without a tag and serves verified layers', async () => {
    const dir = fresh();
    const w = await writeOciLayout(dir, { layers: [base, app], config: { config: { User: '1000', Cmd: ['node', 'app/main.js'] } } });
    const img = await openImage(`oci:${dir}`);
    try {
      const expected = w.images[0]!;
      assert.equal(img.source, 'oci');
      assert.equal(img.reference, `oci:${dir}`);
      assert.equal(img.digest, expected.digest);
      assert.deepEqual(img.rawManifest, expected.rawManifest);
      assert.equal(img.configDigest, expected.configDigest);
      assert.equal(img.config.config?.User, '1000');
      assert.deepEqual(img.platform, { os: 'linux', architecture: 'amd64' });
      assert.equal(img.layers.length, 2);
      for (const [i, layer] of img.layers.entries()) {
        assert.equal(layer.index, i);
        assert.equal(layer.digest, expected.layers[i]!.digest);
        assert.equal(layer.diffId, expected.layers[i]!.diffId);
        assert.equal(layer.compression, 'gzip');
        assert.equal(layer.mediaType, MediaType.OciLayerGzip);
        assert.equal(layer.compressedSize, expected.layers[i]!.blob.length);
        assert.deepEqual(await readLayerVerified(layer), expected.layers[i]!.tar);
      }
    } finally {
      await img.close();
      await img.close(); // idempotent
    }
  });

  it('is found from a bare directory path too', async () => {
    const dir = fresh();
    const w = await writeOciLayout(dir, { layers: [base] });
    const img = await openImage(dir);
    assert.equal(img.source, 'oci');
    assert.equal(img.digest, w.images[0]!.digest);
  });

  it('chooses among several images by tag, and says which tags exist', async () => {
    const dir = fresh();
    const w = await writeOciLayout(dir, { images: [{ layers: [base], tag: 'v1' }, { layers: [base, app], tag: 'v2' }] });
    const v2 = await openImage(`oci:${dir}:v2`);
    assert.equal(v2.digest, w.images[1]!.digest);
    assert.equal(v2.layers.length, 2);
    assert.equal((await openImage(`oci:${dir}:v1`)).digest, w.images[0]!.digest);
    await assert.rejects(openImage(`oci:${dir}:v3`), (e: unknown) => e instanceof InputError && e.format() === `${dir}: no image named "v3" (names: v1, v2)`);
    await assert.rejects(openImage(`oci:${dir}`), /holds 2 images: name one \(v1, v2\)/);
  });

  it('follows a nested index (index.json → index → manifest)', async () => {
    const dir = fresh();
    const w = await writeOciLayout(dir, { layers: [base, app], index: 'nested', tag: 'latest' });
    assert.ok(w.indexDigest);
    const img = await openImage(`oci:${dir}:latest`);
    assert.equal(img.digest, w.images[0]!.digest);
    assert.equal((await readLayerVerified(img.layers[1]!)).length, w.images[0]!.layers[1]!.tar.length);
  });

  it('selects the platform of a multi-platform index and skips attestations', async () => {
    const dir = fresh();
    const w = await writeOciLayout(dir, {
      index: 'multi-platform',
      tag: 'multi',
      attestation: true,
      platforms: [
        { layers: [base], platform: { os: 'linux', architecture: 'amd64' } },
        { layers: [base, app], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { layers: [app], platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
      ],
    });
    const arm64 = await openImage(`oci:${dir}:multi`, { platform: 'linux/arm64' });
    assert.equal(arm64.digest, w.images[1]!.digest);
    assert.deepEqual(arm64.platform, { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.equal((await openImage(`oci:${dir}:multi`, { platform: 'linux/arm/v7' })).digest, w.images[2]!.digest);
    const host = hostPlatform();
    const expected = w.images.find((i) => i.platform.architecture === host.architecture);
    if (expected) assert.equal((await openImage(`oci:${dir}:multi`)).digest, expected.digest);
    await assert.rejects(openImage(`oci:${dir}:multi`, { platform: 'linux/s390x' }), /no image for platform linux\/s390x \(available: linux\/amd64, linux\/arm64\/v8, linux\/arm\/v7\)/);
  });

  it('refuses a single-platform image of another platform when a platform is asked for', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [base], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    assert.equal((await openImage(`oci:${dir}`, { platform: 'linux/arm64' })).platform.architecture, 'arm64');
    await assert.rejects(openImage(`oci:${dir}`, { platform: 'linux/amd64' }), /the image is linux\/arm64\/v8, not the requested linux\/amd64/);
    assert.equal((await openImage(`oci:${dir}`)).platform.architecture, 'arm64');
  });

  it('selects by platform when index.json itself lists the platforms', async () => {
    const dir = fresh();
    const w = await writeOciLayout(dir, {
      platforms: [
        { layers: [base], platform: { os: 'linux', architecture: 'amd64' } },
        { layers: [app], platform: { os: 'linux', architecture: 'arm64' } },
      ],
    });
    assert.equal((await openImage(`oci:${dir}`, { platform: 'linux/arm64' })).digest, w.images[1]!.digest);
  });
});

describe('oci: media types and compressions', () => {
  for (const compression of ['none', 'gzip', 'zstd'] as const) {
    for (const family of ['oci', 'docker'] as const) {
      it(`${family} ${compression} layers`, async () => {
        const dir = fresh();
        const w = await writeOciLayout(dir, { layers: [base, app], compression, mediaTypes: family });
        const img = await openImage(`oci:${dir}`);
        assert.equal(img.manifest.mediaType, family === 'oci' ? MediaType.OciManifest : MediaType.DockerManifest);
        for (const layer of img.layers) {
          assert.equal(layer.compression, compression);
          assert.deepEqual(await readLayerVerified(layer), w.images[0]!.layers[layer.index]!.tar);
        }
      });
    }
  }

  it('accepts non-distributable layer types', async () => {
    const dir = fresh();
    const layer = { ...(await buildLayer(base, 'gzip')), mediaType: MediaType.OciLayerNondistGzip };
    await writeOciLayout(dir, { layers: [layer] });
    const img = await openImage(`oci:${dir}`);
    assert.equal(img.layers[0]!.compression, 'gzip');
  });

  it('trusts the magic bytes when a compressed blob is labelled plain tar', async () => {
    const dir = fresh();
    const gz = { ...(await buildLayer(base, 'gzip')), mediaType: MediaType.OciLayer };
    await writeOciLayout(dir, { layers: [gz] });
    const img = await openImage(`oci:${dir}`);
    assert.equal(img.layers[0]!.compression, 'gzip');
    assert.deepEqual(await readLayerVerified(img.layers[0]!), gz.tar);
  });

  it('refuses unknown layer media types and non-image configs', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [{ ...(await buildLayer(base, 'gzip')), mediaType: 'application/x-helm-chart' }] });
    await assert.rejects(openImage(`oci:${dir}`), /layer 0 \(sha256:[a-f0-9]+\): unsupported layer media type "application\/x-helm-chart"/);
    // An OCI artifact (a Helm chart) is not a container image.
    const chartConfig = Buffer.from('{"name":"chart"}');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: sha256(chartConfig), size: chartConfig.length },
        layers: [],
      }),
    );
    writeFileSync(join(dir, 'blobs', 'sha256', sha256(chartConfig).slice(7)), chartConfig);
    writeFileSync(join(dir, 'blobs', 'sha256', sha256(manifest).slice(7)), manifest);
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: MediaType.OciManifest, digest: sha256(manifest), size: manifest.length }] }));
    await assert.rejects(openImage(`oci:${dir}`), /not a container image \(config media type application\/vnd.cncf.helm.config.v1\+json\)/);
  });
});

describe('oci: broken and hostile layouts', () => {
  it('a layer whose bytes do not match its digest fails when read, naming the layer', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [base, app], corrupt: { blobDigest: 1 } });
    const img = await openImage(`oci:${dir}`);
    await readLayerVerified(img.layers[0]!);
    await assert.rejects(readLayerVerified(img.layers[1]!), /layer 1: digest mismatch/);
  });

  it('a wrong diffID in the config is caught when the layer is read', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [base], corrupt: { diffId: 0 } });
    const img = await openImage(`oci:${dir}`);
    await assert.rejects(readLayerVerified(img.layers[0]!), /diffID mismatch/);
  });

  it('truncated, missing and mis-sized blobs are refused on open', async () => {
    let dir = fresh();
    await writeOciLayout(dir, { layers: [base, app], corrupt: { truncateBlob: 0 } });
    await assert.rejects(openImage(`oci:${dir}`), /layer 0 \(sha256:[a-f0-9]+\): blob is \d+ bytes, its descriptor says \d+/);
    dir = fresh();
    await writeOciLayout(dir, { layers: [base, app], corrupt: { missingBlob: 1 } });
    await assert.rejects(openImage(`oci:${dir}`), (e: unknown) => e instanceof InputError && /^layer 1 \(sha256:[a-f0-9]+\): blob is missing$/.test(e.message) && e.file === dir);
    dir = fresh();
    await writeOciLayout(dir, { layers: [base], corrupt: { layerSize: 0 } });
    await assert.rejects(openImage(`oci:${dir}`), /its descriptor says/);
  });

  it('a config that does not match its digest is refused', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [base], corrupt: { configDigest: true } });
    await assert.rejects(openImage(`oci:${dir}`), /config sha256:[a-f0-9]+: digest mismatch/);
  });

  it('an index.json that points outside the layout, or is not JSON, is refused', async () => {
    let dir = fresh();
    await writeOciLayout(dir, { layers: [base], corrupt: { pathOutside: true } });
    await assert.rejects(openImage(`oci:${dir}`), /index.json: manifests\[0\]: invalid digest "sha256:..\/..\/..\/etc\/passwd"/);
    dir = fresh();
    await writeOciLayout(dir, { layers: [base], corrupt: { notJson: true } });
    await assert.rejects(openImage(`oci:${dir}`), (e: unknown) => e instanceof InputError && e.format() === `${dir}: index.json: not valid JSON`);
  });

  it('absurd descriptor sizes are refused before reading', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [base] });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    index.manifests[0].size = 5e12;
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
    await assert.rejects(openImage(`oci:${dir}`), /descriptor claims 5000000000000 bytes, over the 4194304-byte limit/);
    index.manifests[0].size = -1;
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
    await assert.rejects(openImage(`oci:${dir}`), /invalid size -1/);
  });

  it('a manifest that is not JSON, or schema 1, is refused', async () => {
    const dir = fresh();
    await writeOciLayout(dir, { layers: [base] });
    for (const [body, message] of [
      ['<html>not json</html>', /manifest sha256:[a-f0-9]+: not valid JSON/],
      [JSON.stringify({ schemaVersion: 1, name: 'x', fsLayers: [] }), /Docker schema 1 manifests are not supported/],
    ] as const) {
      const raw = Buffer.from(body);
      const digest = sha256(raw);
      writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), raw);
      writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: MediaType.OciManifest, digest, size: raw.length }] }));
      await assert.rejects(openImage(`oci:${dir}`), message);
    }
  });

  it('a missing directory or a directory that is not a layout is a clear error', async () => {
    await assert.rejects(openImage(`oci:${join(tmp.dir, 'nope')}`), /no such OCI layout directory/);
    await assert.rejects(openImage(tmp.dir), /directory is not an OCI layout/);
  });
});
