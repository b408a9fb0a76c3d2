import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { MediaType } from '../../src/image/media-types.js';
import { openImage } from '../../src/image/open.js';
import { sha256, tarOf, writeDockerArchive, writeTar, type TestEntry } from '../helpers/image-writer.js';
import { readLayerVerified, tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);
let n = 0;
const fresh = () => join(tmp.dir, `image-${n++}.tar`);

const base: TestEntry[] = [{ path: 'etc/', type: 'dir' }, { path: 'etc/hostname', content: 'box\n' }];
const app: TestEntry[] = [{ path: 'srv/app', content: Buffer.alloc(2000, 3), mode: 0o755 }];

describe('docker-archive: legacy docker save', () => {
  it('reads manifest.json, the config and <id>/layer.tar in place', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { layers: [base, app], tag: 'app:1', config: { config: { User: 'app' } } });
    const img = await openImage(`docker-archive:${file}`);
    const expected = w.images[0]!;
    assert.equal(img.source, 'docker-archive');
    assert.equal(img.configDigest, expected.configDigest);
    assert.equal(img.config.config?.User, 'app');
    assert.equal(img.manifest.mediaType, MediaType.DockerManifest);
    assert.equal(img.manifest.config.digest, expected.configDigest);
    assert.equal(sha256(img.rawManifest), img.digest);
    for (const layer of img.layers) {
      // An uncompressed layer.tar is its own diff: digest = sha256 of the stored file = diffID.
      assert.equal(layer.digest, expected.layers[layer.index]!.diffId);
      assert.equal(layer.diffId, expected.layers[layer.index]!.diffId);
      assert.equal(layer.compression, 'none');
      assert.equal(layer.mediaType, MediaType.DockerLayer);
      assert.equal(layer.compressedSize, expected.layers[layer.index]!.tar.length);
      assert.deepEqual(await readLayerVerified(layer), expected.layers[layer.index]!.tar);
    }
    await img.close();
  });

  it('refuses another platform than the one asked for', async () => {
    const file = fresh();
    await writeDockerArchive(file, { layers: [base], platform: { os: 'linux', architecture: 's390x' } });
    await assert.rejects(openImage(file, { platform: 'linux/amd64' }), /the image is linux\/s390x, not the requested linux\/amd64/);
    assert.equal((await openImage(file, { platform: 'linux/s390x' })).platform.architecture, 's390x');
  });

  it('is found from a bare .tar path, and by tag (Docker Hub short names compared fully)', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { images: [{ layers: [base], tag: 'app:1' }, { layers: [base, app], tag: 'docker.io/library/app:2' }, { layers: [app], tag: 'localhost:5000/team/x:dev' }] });
    await assert.rejects(openImage(file), /holds 3 images: name one \(app:1, docker.io\/library\/app:2, localhost:5000\/team\/x:dev\)/);
    assert.equal((await openImage(`docker-archive:${file}:app:2`)).configDigest, w.images[1]!.configDigest);
    assert.equal((await openImage(`docker-archive:${file}:docker.io/library/app:1`)).configDigest, w.images[0]!.configDigest);
    assert.equal((await openImage(`${file}:localhost:5000/team/x:dev`)).configDigest, w.images[2]!.configDigest);
    assert.equal((await openImage(`docker-archive:${file}:@1`)).configDigest, w.images[1]!.configDigest);
    await assert.rejects(openImage(`docker-archive:${file}:app:3`), /no image tagged "app:3"/);
    await assert.rejects(openImage(`docker-archive:${file}:@7`), /no image @7: the archive holds 3/);
  });

  it('reads podman/skopeo archives (<hex>.tar layers) and compressed layer tars', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { layers: [base, app], format: 'podman', compression: 'gzip', tag: 'localhost/app:latest' });
    const img = await openImage(`docker-archive:${file}`);
    for (const layer of img.layers) {
      assert.equal(layer.compression, 'gzip');
      assert.equal(layer.mediaType, MediaType.DockerLayerGzip);
      assert.equal(layer.digest, w.images[0]!.layers[layer.index]!.digest);
      assert.deepEqual(await readLayerVerified(layer), w.images[0]!.layers[layer.index]!.tar);
    }
  });

  it('follows legacy symlinked layers (a layer shared by two images)', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { layers: [base] });
    const entry = w.images[0]!;
    const layerTar = entry.layers[0]!.tar;
    await writeTar(file, [
      { name: 'cfg.json', content: entry.rawConfig },
      { name: 'aaa/layer.tar', content: layerTar },
      { name: 'bbb/layer.tar', type: 'symlink', linkname: '../aaa/layer.tar' },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'cfg.json', RepoTags: ['x:1'], Layers: ['bbb/layer.tar'] }]) },
    ]);
    const img = await openImage(file);
    assert.deepEqual(await readLayerVerified(img.layers[0]!), layerTar);
  });

  it('a corrupted layer.tar fails verification when read; a corrupted config on open', async () => {
    let file = fresh();
    await writeDockerArchive(file, { layers: [base, app], corrupt: { blobDigest: 1 } });
    const img = await openImage(file);
    await assert.rejects(readLayerVerified(img.layers[1]!), /layer 1: digest mismatch/);
    file = fresh();
    await writeDockerArchive(file, { layers: [base], corrupt: { diffId: 0 } });
    await assert.rejects(readLayerVerified((await openImage(file)).layers[0]!), /digest mismatch/);
    file = fresh();
    await writeDockerArchive(file, { layers: [base], corrupt: { configDigest: true } });
    await assert.rejects(openImage(file), /config [a-f0-9]+\.json: digest mismatch: its name says sha256:/);
  });
});

describe('docker-archive: Docker 25+ (OCI layout inside)', () => {
  it('reads the OCI index and names images by io.containerd.image.name / RepoTags', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { format: 'oci', images: [{ layers: [base], tag: 'app:1' }, { layers: [base, app], tag: 'team/web:2' }] });
    const img = await openImage(`docker-archive:${file}:team/web:2`);
    assert.equal(img.source, 'docker-archive');
    assert.equal(img.digest, w.images[1]!.digest);
    assert.deepEqual(img.rawManifest, w.images[1]!.rawManifest);
    for (const layer of img.layers) assert.deepEqual(await readLayerVerified(layer), w.images[1]!.layers[layer.index]!.tar);
    assert.equal((await openImage(`${file}:docker.io/library/app:1`)).digest, w.images[0]!.digest);
    await assert.rejects(openImage(file), /holds 2 images: name one \(app:1, team\/web:2\)/);
  });

  it('finds an image tagged only in manifest.json by its config', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { format: 'oci', layers: [base, app], tag: 'app:1' });
    // Drop the annotations: only RepoTags names the image now.
    const members: Array<{ name: string; content: Buffer }> = [];
    const { TarIndex } = await import('../../src/image/tar-index.js');
    const idx = await TarIndex.open(file);
    for (const name of idx.names()) members.push({ name, content: await idx.readMember(name, 1 << 24, name) });
    const indexJson = members.find((m) => m.name === 'index.json')!;
    const parsed = JSON.parse(indexJson.content.toString());
    delete parsed.manifests[0].annotations;
    indexJson.content = Buffer.from(JSON.stringify(parsed));
    await writeTar(file, members);
    assert.equal((await openImage(`docker-archive:${file}:app:1`)).digest, w.images[0]!.digest);
  });

  it('reads gzip and zstd blobs and an index pointing to an index', async () => {
    const file = fresh();
    const w = await writeDockerArchive(file, { format: 'oci', layers: [base, app], compression: 'gzip', index: 'nested', tag: 'app:1' });
    const img = await openImage(file);
    assert.equal(img.digest, w.images[0]!.digest);
    assert.equal(img.layers[0]!.compression, 'gzip');
    assert.deepEqual(await readLayerVerified(img.layers[1]!), w.images[0]!.layers[1]!.tar);
  });

  it('an OCI archive given as a plain .tar is read as oci-archive', async () => {
    const { writeOciArchive } = await import('../helpers/image-writer.js');
    const file = fresh();
    const w = await writeOciArchive(file, { layers: [base] });
    const img = await openImage(file);
    assert.equal(img.source, 'oci-archive');
    assert.equal(img.digest, w.images[0]!.digest);
  });
});

describe('docker-archive: hostile archives', () => {
  const expectInput = (pattern: RegExp, file: string) => (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.file, file);
    assert.ok(!e.message.includes('\n'));
    assert.match(e.message, pattern);
    return true;
  };

  it('manifest.json paths that climb out or are absolute are refused', async () => {
    for (const format of ['legacy', 'oci'] as const) {
      const file = fresh();
      await writeDockerArchive(file, { format, layers: [base], corrupt: { pathOutside: true }, tag: 'a:1' });
      if (format === 'legacy') await assert.rejects(openImage(file), expectInput(/manifest.json: Layers\[0\]: path "..\/..\/..\/etc\/passwd" points outside the archive/, file));
      else await assert.rejects(openImage(file), expectInput(/invalid digest/, file));
    }
    const file = fresh();
    await writeTar(file, [{ name: 'manifest.json', content: JSON.stringify([{ Config: '/etc/passwd', RepoTags: [], Layers: [] }]) }]);
    await assert.rejects(openImage(file), expectInput(/manifest.json: Config: path "\/etc\/passwd" points outside the archive/, file));
  });

  it('members named but absent, duplicates, non-JSON metadata and truncation are refused', async () => {
    let file = fresh();
    await writeDockerArchive(file, { layers: [base, app], corrupt: { missingBlob: 1 } });
    await assert.rejects(openImage(file), expectInput(/manifest.json: Layers\[1\]: ".*layer.tar" is not in the archive/, file));
    file = fresh();
    await writeTar(file, [{ name: 'manifest.json', content: '[]' }, { name: 'manifest.json', content: '[]' }]);
    await assert.rejects(openImage(file), expectInput(/member "manifest.json" twice/, file));
    file = fresh();
    await writeDockerArchive(file, { layers: [base], corrupt: { notJson: true } });
    await assert.rejects(openImage(file), expectInput(/^manifest.json: not valid JSON$/, file));
    file = fresh();
    await writeTar(file, [{ name: 'manifest.json', content: '{"Config": 1}' }]);
    await assert.rejects(openImage(file), expectInput(/manifest.json: expected a non-empty array/, file));
    file = fresh();
    const w = await writeDockerArchive(file, { layers: [base, app] });
    void w;
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2) + 100));
    await assert.rejects(openImage(file), expectInput(/truncated tar archive/, file));
  });

  it('a config listing fewer diffIDs than layers is refused', async () => {
    const file = fresh();
    const cfg = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [] } }));
    await writeTar(file, [
      { name: 'c.json', content: cfg },
      { name: 'l/layer.tar', content: await tarOf([{ name: 'a', content: 'x' }]) },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: ['l/layer.tar'] }]) },
    ]);
    await assert.rejects(openImage(file), expectInput(/config c.json: lists 0 diffIDs for 1 layers/, file));
  });

  it('a tar that is neither layout is refused; nothing is written beside it', async () => {
    const file = fresh();
    await writeTar(file, [{ name: 'hello.txt', content: 'hi' }]);
    const { readdirSync } = await import('node:fs');
    const before = readdirSync(tmp.dir).length;
    await assert.rejects(openImage(file), expectInput(/neither manifest.json nor index.json/, file));
    assert.equal(readdirSync(tmp.dir).length, before);
  });
});
