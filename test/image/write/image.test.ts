/** assembleImage: config and manifest contents, canonical JSON, digests over the exact bytes, reproducibility. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.js';
import { MediaType } from '../../../src/image/media-types.js';
import type { ImageConfig, Manifest } from '../../../src/image/types.js';
import { assembleImage, canonicalJson } from '../../../src/image/write/image.js';
import { tempDir } from '../support.js';
import { sampleImage, sha256 } from './support.js';

const tmp = tempDir('whittle-write-image-');
after(tmp.cleanup);

describe('assembleImage', () => {
  it('writes an OCI config (history per layer, diff_ids) and manifest, digests over the exact bytes', async () => {
    const img = await sampleImage(join(tmp.dir, 'a'), { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } });
    assert.equal(img.configDigest, sha256(img.config));
    assert.equal(img.manifestDigest, sha256(img.manifest));
    const config = JSON.parse(img.config.toString()) as ImageConfig;
    assert.equal(config.architecture, 'arm');
    assert.equal(config.variant, 'v7');
    assert.equal(config.os, 'linux');
    assert.equal(config.created, '2023-11-14T22:13:20.000Z');
    assert.deepEqual(config.rootfs, { type: 'layers', diff_ids: img.layers.map((l) => l.diffId) });
    assert.deepEqual(config.history, [
      { created: config.created, created_by: 'sample base' },
      { created: config.created, created_by: 'sample top' },
    ]);
    assert.equal(config.config?.User, '1000:1000');
    const manifest = JSON.parse(img.manifest.toString()) as Manifest;
    assert.equal(manifest.schemaVersion, 2);
    assert.equal(manifest.mediaType, MediaType.OciManifest);
    assert.deepEqual(manifest.config, { mediaType: MediaType.OciConfig, digest: img.configDigest, size: img.config.length });
    assert.deepEqual(manifest.layers.map((l) => l.mediaType), [MediaType.OciLayerGzip, MediaType.OciLayerZstd]);
    assert.deepEqual(manifest.layers.map((l) => [l.digest, l.size]), img.layers.map((l) => [l.digest, l.size]));
  });

  it('keys are sorted at every depth and there is no whitespace', async () => {
    const img = await sampleImage(join(tmp.dir, 'b'));
    const text = img.config.toString();
    assert.ok(!/\s/.test(text.replace(/"[^"]*"/g, '')), 'no whitespace outside strings');
    assert.ok(text.indexOf('"org.example.a"') < text.indexOf('"org.example.b"'));
    assert.ok(text.indexOf('"architecture"') < text.indexOf('"config"') && text.indexOf('"config"') < text.indexOf('"created"'));
    assert.deepEqual(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined, x: 2 }], c: null } }).toString(), '{"a":{"c":null,"d":[{"x":2,"z":1}]},"b":1}');
  });

  it('the same inputs give the same digests; another SOURCE_DATE_EPOCH another', async () => {
    const a = await sampleImage(join(tmp.dir, 'c1'));
    const b = await sampleImage(join(tmp.dir, 'c2'));
    assert.equal(a.manifestDigest, b.manifestDigest);
    assert.deepEqual(a.config, b.config);
    const c = await sampleImage(join(tmp.dir, 'c3'), { mtime: 1_700_000_001 });
    assert.notEqual(c.manifestDigest, a.manifestDigest);
  });

  it('refuses a platform without an architecture and a creation time that is not a time', async () => {
    const img = await sampleImage(join(tmp.dir, 'd'));
    await assert.rejects(assembleImage({ platform: { os: 'linux', architecture: '' }, layers: img.layers, config: {}, created: '2024-01-01T00:00:00Z' }), InputError);
    await assert.rejects(assembleImage({ platform: { os: 'linux', architecture: 'amd64' }, layers: img.layers, config: {}, created: 'yesterday' }), /not an RFC 3339 time/);
  });
});
