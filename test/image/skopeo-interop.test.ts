/**
 * Interoperability with a real tool: archives and registry copies written by skopeo open through our sources with
 * the same layers (diffIDs) and verified bytes; images our push helper puts in a registry read back in skopeo.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { openImage } from '../../src/image/open.js';
import { type TestEntry, type WrittenLayout, writeOciLayout } from '../helpers/image-writer.js';
import { type RunningRegistry, pushLayout, startRegistry } from '../helpers/registry.js';
import { readLayerVerified, tempDir } from './support.js';

const run = promisify(execFile);
const skopeo = (...args: string[]) => run('skopeo', ['--insecure-policy', ...args], { maxBuffer: 16 << 20 });

const tmp = tempDir();
const files: TestEntry[] = [{ path: 'etc/', type: 'dir' }, { path: 'etc/issue', content: 'interop\n' }];
const more: TestEntry[] = [{ path: 'usr/bin/tool', content: Buffer.alloc(5000, 2), mode: 0o755 }];

describe('skopeo interoperability', () => {
  let reg: RunningRegistry;
  let src: string;
  let layout: WrittenLayout;
  let multi: string;
  let multiLayout: WrittenLayout;

  before(async () => {
    reg = await startRegistry();
    src = join(tmp.dir, 'src');
    layout = await writeOciLayout(src, { layers: [files, more], tag: 'v1', config: { config: { User: '10001' } } });
    multi = join(tmp.dir, 'multi');
    multiLayout = await writeOciLayout(multi, {
      index: 'multi-platform',
      tag: 'v1',
      platforms: [
        { layers: [files], platform: { os: 'linux', architecture: 'amd64' } },
        { layers: [files, more], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
  });
  after(async () => {
    await reg?.stop();
    tmp.cleanup();
  });

  const diffIds = () => layout.images[0]!.layers.map((l) => l.diffId);

  it('opens a skopeo docker-archive (symlinked legacy layout) by its tag', async () => {
    const file = join(tmp.dir, 'skopeo-docker.tar');
    await skopeo('copy', '-q', `oci:${src}:v1`, `docker-archive:${file}:team/app:1`);
    const img = await openImage(`docker-archive:${file}:team/app:1`);
    assert.deepEqual(img.layers.map((l) => l.diffId), diffIds());
    assert.equal(img.config.config?.User, '10001');
    for (const layer of img.layers) assert.deepEqual(await readLayerVerified(layer), layout.images[0]!.layers[layer.index]!.tar);
  });

  it('opens a skopeo oci-archive', async () => {
    const file = join(tmp.dir, 'skopeo-oci.tar');
    await skopeo('copy', '-q', `oci:${src}:v1`, `oci-archive:${file}:v1`);
    const img = await openImage(`oci-archive:${file}:v1`);
    assert.deepEqual(img.layers.map((l) => l.diffId), diffIds());
    for (const layer of img.layers) await readLayerVerified(layer);
  });

  it('opens what skopeo pushed to a registry, all platforms of an index', async () => {
    await skopeo('copy', '-q', '--all', '--dest-tls-verify=false', `oci:${multi}:v1`, `docker://${reg.host}/interop/multi:v1`);
    const arm = await openImage(`${reg.host}/interop/multi:v1`, { platform: 'linux/arm64/v8' });
    assert.deepEqual(arm.layers.map((l) => l.diffId), multiLayout.images[1]!.layers.map((l) => l.diffId));
    for (const layer of arm.layers) await readLayerVerified(layer);
  });

  it('skopeo reads back what the push helper pushed, with the same digests', async () => {
    const digest = await pushLayout(reg, 'interop/pushed', layout, 'v1');
    const { stdout } = await skopeo('inspect', '--tls-verify=false', `docker://${reg.host}/interop/pushed:v1`);
    const info = JSON.parse(stdout) as { Digest: string; Layers: string[] };
    assert.equal(info.Digest, digest);
    assert.deepEqual(info.Layers, layout.images[0]!.layers.map((l) => l.digest));
    const { stdout: multiOut } = await skopeo('inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/interop/multi:v1`);
    assert.equal(JSON.parse(multiOut).manifests.length, 2);
  });
});
