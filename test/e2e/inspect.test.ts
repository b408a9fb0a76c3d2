/**
 * `whittle inspect --format json` on real images built by buildah (test/helpers/e2e-images.ts), read from
 * every source (docker-archive, OCI layout with gzip and with zstd layers, a real registry on 127.0.0.1):
 * the sources agree with each other, and the figures agree with the image files as other tools read them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InspectReport } from '../../src/report/inspect/model.js';
import { ensureE2EImages, stopE2ERegistry, type E2EImage, type E2EImages } from '../helpers/e2e-images.js';
import {
  dockerArchiveManifest,
  dpkgQueryPackages,
  gunzipSizeAndDigest,
  inspectJson,
  plainPath,
  skopeoManifest,
  tarMemberSizes,
} from './inspect-helpers.js';

const MiB = 1024 * 1024;

type SourceName = 'docker-archive' | 'oci' | 'oci-zstd' | 'registry';

interface Inspected {
  image: E2EImage;
  reports: Record<SourceName, InspectReport>;
}

function referencesOf(image: E2EImage): Record<SourceName, string> {
  return {
    'docker-archive': `docker-archive:${image.dockerArchive}`,
    oci: `oci:${image.ociDir}:latest`,
    'oci-zstd': `oci:${image.ociZstdDir}:latest`,
    registry: `docker://${image.registryRef!}`,
  };
}

let images: E2EImages;
const inspected = new Map<string, Inspected>();

async function inspectAll(image: E2EImage): Promise<Inspected> {
  const refs = referencesOf(image);
  const reports = {} as Record<SourceName, InspectReport>;
  // One at a time: each inspect already uses the machine's cores for its layers.
  for (const source of Object.keys(refs) as SourceName[]) reports[source] = await inspectJson(refs[source]);
  return { image, reports };
}

before(async () => {
  images = await ensureE2EImages({ registry: true });
  for (const image of Object.values(images)) inspected.set(image.name, await inspectAll(image));
});

after(async () => {
  await stopE2ERegistry();
});

function get(name: keyof E2EImages): Inspected {
  const result = inspected.get(name);
  assert.ok(result, `${name} was not inspected`);
  return result;
}

/** The layer whose history line contains every one of `needles`. */
function layerCreatedBy(report: InspectReport, ...needles: string[]): number {
  const layer = report.layers.find((l) => needles.every((n) => (l.createdBy ?? '').includes(n)));
  assert.ok(layer, `no layer created by ${needles.join(' … ')}; history: ${report.layers.map((l) => l.createdBy).join(' | ')}`);
  return layer.index;
}

for (const name of ['naive', 'slim', 'noshell'] as const) {
  describe(`e2e inspect: ${name}`, () => {
    it('gives the same answers from docker-archive, OCI (gzip and zstd) and the registry', () => {
      const { reports } = get(name);
      const reference = reports.oci;
      for (const [source, report] of Object.entries(reports)) {
        const what = `${source} vs oci`;
        assert.equal(report.image.layerCount, reference.image.layerCount, `${what}: layerCount`);
        assert.deepEqual(report.layers.map((l) => l.diffId), reference.layers.map((l) => l.diffId), `${what}: diffIds`);
        assert.deepEqual(report.layers.map((l) => l.sizeBytes), reference.layers.map((l) => l.sizeBytes), `${what}: layer sizes`);
        assert.equal(report.image.sizeBytes, reference.image.sizeBytes, `${what}: sizeBytes`);
        assert.equal(report.image.fileCount, reference.image.fileCount, `${what}: fileCount`);
        assert.equal(report.image.visibleFileBytes, reference.image.visibleFileBytes, `${what}: visibleFileBytes`);
        assert.equal(report.wastedBytes, reference.wastedBytes, `${what}: wastedBytes`);
        assert.equal(report.efficiency, reference.efficiency, `${what}: efficiency`);
        assert.deepEqual(
          report.packages.map((p) => `${p.name}=${p.version}`),
          reference.packages.map((p) => `${p.name}=${p.version}`),
          `${what}: packages`,
        );
        assert.equal(report.junk.totalBytes, reference.junk.totalBytes, `${what}: junk bytes`);
        assert.deepEqual(report.layers.map((l) => l.createdBy), reference.layers.map((l) => l.createdBy), `${what}: history`);
      }
      // The registry holds the very blobs of the gzip OCI layout (pushed from it).
      assert.deepEqual(reports.registry.layers.map((l) => l.digest), reports.oci.layers.map((l) => l.digest));
      assert.equal(reports.registry.image.compressedSizeBytes, reports.oci.image.compressedSizeBytes);
      // docker save stores plain tars: the blob digest is the DiffID and nothing is compressed.
      assert.deepEqual(reports['docker-archive'].layers.map((l) => l.digest), reports.oci.layers.map((l) => l.diffId));
      assert.equal(reports['docker-archive'].image.compressedSizeBytes, reports['docker-archive'].image.sizeBytes);
      // zstd blobs differ from gzip blobs, the content does not.
      assert.equal(reports['oci-zstd'].layers.every((l) => l.compression === 'zstd'), true);
      assert.notDeepEqual(reports['oci-zstd'].layers.map((l) => l.digest), reports.oci.layers.map((l) => l.digest));
    });

    it('reports the layers the manifests list, with their digests and stored sizes', async () => {
      const { image, reports } = get(name);
      const oci = await skopeoManifest(`oci:${image.ociDir}:latest`);
      const registry = await skopeoManifest(`docker://${image.registryRef!}`, false);
      const archive = await dockerArchiveManifest(image.dockerArchive);

      assert.equal(reports.oci.image.layerCount, oci.manifest.layers.length);
      assert.equal(reports.registry.image.layerCount, registry.manifest.layers.length);
      assert.equal(reports['docker-archive'].image.layerCount, archive.Layers.length);

      assert.deepEqual(reports.oci.layers.map((l) => l.digest), oci.manifest.layers.map((l) => l.digest));
      assert.deepEqual(reports.oci.layers.map((l) => l.compressedSizeBytes), oci.manifest.layers.map((l) => l.size));
      assert.deepEqual(reports.oci.layers.map((l) => l.diffId), oci.config.rootfs.diff_ids);
      assert.deepEqual(reports.registry.layers.map((l) => l.digest), registry.manifest.layers.map((l) => l.digest));
      assert.equal(
        reports.oci.image.compressedSizeBytes,
        oci.manifest.layers.reduce((sum, l) => sum + l.size, 0),
        'compressedSizeBytes is the sum of the layer blobs',
      );
    });

    it('counts as size exactly the bytes of the uncompressed layer tars', async () => {
      const { image, reports } = get(name);
      // docker save: each layer is a plain tar member of the archive; tar -tv tells its size.
      const archive = await dockerArchiveManifest(image.dockerArchive);
      const members = await tarMemberSizes(image.dockerArchive);
      const archiveSizes = archive.Layers.map((path) => {
        const size = members.get(path);
        assert.ok(size !== undefined, `${path} is not a regular file in the archive`);
        return size;
      });
      assert.deepEqual(reports['docker-archive'].layers.map((l) => l.sizeBytes), archiveSizes);
      assert.equal(reports['docker-archive'].image.sizeBytes, archiveSizes.reduce((a, b) => a + b, 0));

      // OCI layout: gunzip each blob with Node's zlib, count and hash the bytes.
      for (const layer of reports.oci.layers) {
        const { size, diffId } = await gunzipSizeAndDigest(image.ociDir, layer.digest);
        assert.equal(layer.sizeBytes, size, `layer ${layer.index} uncompressed size`);
        assert.equal(layer.diffId, diffId, `layer ${layer.index} DiffID`);
      }
    });

    it('reports the packages dpkg-query lists inside the image, exactly', () => {
      const { image, reports } = get(name);
      const reported = reports.oci.packages.map((p) => `${p.name}=${p.version}`).sort();
      if (image.dpkgQuery === undefined) {
        assert.equal(name, 'noshell', 'only the noshell image has no dpkg');
        assert.deepEqual(reported, []);
        assert.equal(reports.oci.packageManagers.dpkg.present, false);
      } else {
        const expected = dpkgQueryPackages(image.dpkgQuery);
        assert.ok(expected.length > 50, `dpkg-query listed ${expected.length} packages`);
        assert.deepEqual(reported, expected);
        assert.equal(reports.oci.packageManagers.dpkg.count, expected.length);
      }
    });
  });
}

describe('e2e inspect: what the naive image wastes', () => {
  it('counts the 8 MiB file deleted in a later layer as waste and lists it', () => {
    const report = get('naive').reports.oci;
    const written = layerCreatedBy(report, 'bundle.tar', 'urandom');
    const removed = layerCreatedBy(report, 'rm /opt/app/bundle.tar');
    const bundle = report.files.wasted.find((f) => plainPath(f.path) === 'opt/app/bundle.tar');
    assert.ok(bundle, `bundle.tar not in files.wasted: ${JSON.stringify(report.files.wasted.slice(0, 10))}`);
    assert.equal(bundle.sizeBytes, 8 * MiB);
    assert.equal(bundle.layer, written);
    assert.equal(bundle.hiddenBy, removed);
    assert.equal(bundle.how, 'deleted');
  });

  it('counts the overwritten 1 MiB file as waste, and not its replacement', () => {
    const report = get('naive').reports.oci;
    const written = layerCreatedBy(report, 'config.bin', 'urandom');
    const overwritten = layerCreatedBy(report, 'echo overwritten');
    const config = report.files.wasted.filter((f) => plainPath(f.path) === 'opt/app/config.bin');
    assert.equal(config.length, 1, `config.bin entries in files.wasted: ${JSON.stringify(config)}`);
    assert.equal(config[0]!.sizeBytes, MiB);
    assert.equal(config[0]!.layer, written);
    assert.equal(config[0]!.hiddenBy, overwritten);
  });

  it('adds up wasted bytes: at least the two known files, and exactly the sum of files.wasted', () => {
    const report = get('naive').reports.oci;
    assert.ok(report.wastedBytes >= 9 * MiB, `wastedBytes ${report.wastedBytes}`);
    // Everything else that is wasted is apt's own bookkeeping rewritten by apt-get install (dpkg status,
    // the package cache): a few MiB at most, never the bulk.
    assert.ok(report.wastedBytes < 9 * MiB + 64 * MiB, `wastedBytes ${report.wastedBytes}`);
    assert.ok(report.efficiency > 0 && report.efficiency < 1, `efficiency ${report.efficiency}`);
    // The per-layer split adds up to the image figure.
    assert.equal(report.layers.reduce((sum, l) => sum + l.wastedBytes, 0), report.wastedBytes);
  });

  it('reports the apt lists left behind as junk, in the layer that ran apt-get update', () => {
    const report = get('naive').reports.oci;
    const update = layerCreatedBy(report, 'apt-get update');
    const lists = report.junk.items.find((item) => item.kind === 'apt-lists');
    assert.ok(lists, `no apt-lists junk: ${JSON.stringify(report.junk.items)}`);
    assert.equal(plainPath(lists.path).replace(/\/$/, ''), 'var/lib/apt/lists');
    assert.ok(lists.sizeBytes > 5 * MiB, `apt lists ${lists.sizeBytes} bytes`);
    assert.equal(lists.layer, update);
    assert.ok(report.junk.totalBytes >= lists.sizeBytes);
  });

  it('sees the shell-form CMD and the root user', () => {
    const report = get('naive').reports.oci;
    assert.equal(report.config.shellFormPid1, true);
    assert.equal(report.surface.root, true);
    assert.ok(report.surface.shells.length > 0, 'naive has /bin/sh');
  });
});

describe('e2e inspect: the clean images', () => {
  it('slim wastes nothing, carries no apt lists and does not run as root', () => {
    const report = get('slim').reports.oci;
    assert.equal(report.wastedBytes, 0);
    assert.equal(report.efficiency, 1);
    assert.equal(report.junk.items.some((item) => item.kind === 'apt-lists'), false);
    assert.equal(report.surface.root, false);
    assert.equal(report.config.shellFormPid1, false);
    assert.deepEqual(report.config.entrypoint, ['/bin/cat']);
  });

  it('noshell has one layer, no shell, no packages and no waste', () => {
    const report = get('noshell').reports.oci;
    assert.equal(report.image.layerCount, 1);
    assert.deepEqual(report.surface.shells, []);
    assert.equal(report.surface.root, false);
    assert.equal(report.wastedBytes, 0);
    assert.equal(report.image.fileCount, 1);
  });

  it('the naive image is bigger and less efficient than slim, from every source', () => {
    const naive = get('naive').reports;
    const slim = get('slim').reports;
    for (const source of Object.keys(naive) as SourceName[]) {
      assert.ok(naive[source].image.sizeBytes > slim[source].image.sizeBytes, source);
      assert.ok(naive[source].efficiency < slim[source].efficiency, source);
    }
  });
});
