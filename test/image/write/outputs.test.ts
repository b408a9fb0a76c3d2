/**
 * writeImage to files: an OCI layout, an OCI archive and a docker-archive, each read back by whittle's own reader
 * (openImage, digests verified) and by other tools (skopeo inspect and copy, umoci unpack, buildah from + run,
 * GNU tar); reproducible bytes; one index for several platforms; refusals that leave nothing behind.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.js';
import { MediaType } from '../../../src/image/media-types.js';
import { openImage } from '../../../src/image/open.js';
import type { Image, Index } from '../../../src/image/types.js';
import { parseWriteTarget, writeImage } from '../../../src/image/write/outputs.js';
import type { BuiltImage } from '../../../src/image/write/types.js';
import { e2eStorage } from '../../helpers/e2e-images.js';
import { readLayerVerified, tempDir } from '../support.js';
import { readTar, sampleImage, sha256, staticHello } from './support.js';

const execFile = promisify(execFileCb);
const tmp = tempDir('whittle-write-outputs-');
after(tmp.cleanup);
const out = (name: string) => join(tmp.dir, name);

/** Opens, checks every layer against what was built (blob digest, size and diffID verified while reading), closes. */
async function readBack(reference: string, built: BuiltImage, opts: { platform?: string } = {}): Promise<Image> {
  const img = await openImage(reference, opts);
  try {
    assert.equal(img.configDigest, built.configDigest);
    assert.deepEqual(img.config.rootfs.diff_ids, built.layers.map((l) => l.diffId));
    assert.deepEqual(img.layers.map((l) => l.digest), built.layers.map((l) => l.digest));
    const first = await readTar(await readLayerVerified(img.layers[0]!));
    assert.ok(first.some((m) => m.name === 'srv/data/blob.bin' && m.size === 200_000));
    const second = await readTar(await readLayerVerified(img.layers[1]!));
    assert.deepEqual(second.filter((m) => m.type === 'file').map((m) => m.data.toString()), ['layer two\n']);
    return img;
  } finally {
    await img.close();
  }
}

async function skopeoInspect(ref: string, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await execFile('skopeo', ['inspect', ...args, ref]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('writeImage: files', () => {
  let image: BuiltImage;
  before(async () => {
    image = await sampleImage(out('work'));
  });

  it('oci:DIR:TAG: an OCI layout whittle and skopeo read, and skopeo copies', async () => {
    const dir = out('layout');
    const written = await writeImage(`oci:${dir}:v1`, [image]);
    assert.equal(written.digest, image.manifestDigest);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'oci-layout'), 'utf8')), { imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Index;
    assert.equal(index.manifests.length, 1);
    assert.equal(index.manifests[0]!.annotations?.['org.opencontainers.image.ref.name'], 'v1');
    assert.equal(index.manifests[0]!.digest, image.manifestDigest);
    for (const name of readdirSync(join(dir, 'blobs', 'sha256'))) {
      assert.equal(sha256(readFileSync(join(dir, 'blobs', 'sha256', name))), `sha256:${name}`, 'every blob is stored under its digest');
    }
    const img = await readBack(`oci:${dir}:v1`, image);
    assert.equal(img.digest, image.manifestDigest);
    assert.equal(img.config.config?.User, '1000:1000');

    const info = await skopeoInspect(`oci:${dir}:v1`);
    assert.equal(info.Digest, image.manifestDigest);
    assert.equal(info.Architecture, 'amd64');
    assert.deepEqual(info.Layers, image.layers.map((l) => l.digest));
    const copy = out('layout-copy');
    await execFile('skopeo', ['copy', `oci:${dir}:v1`, `oci:${copy}:copied`]);
    await readBack(`oci:${copy}:copied`, image);
  });

  it('the layer blobs hold what tar lists', async () => {
    const dir = out('layout-tar');
    await writeImage(`oci:${dir}`, [image]);
    const listing = execFileSync('tar', ['-tvzf', join(dir, 'blobs', 'sha256', image.layers[0]!.digest.slice(7)), '--numeric-owner'], { encoding: 'utf8' });
    assert.match(listing, /^-rw-r----- 1000\/1001\s+200000 .* srv\/data\/blob\.bin$/m);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Index;
    assert.equal(index.manifests[0]!.annotations, undefined, 'no tag, no ref.name');
    await readBack(`oci:${dir}`, image);
  });

  it('umoci unpacks a gzip image: contents, owners, modes and links as built', async () => {
    const gz = await sampleImage(out('work-umoci'), { extra: [{ path: 'etc/message', type: 'file', mode: 0o600, uid: 1000, gid: 1000, data: Buffer.from('m') }] });
    // umoci 0.4.7 reads gzip layers only: give it the gzip layer alone.
    const gzipOnly = { ...gz, layers: [gz.layers[0]!] };
    const { assembleImage } = await import('../../../src/image/write/image.js');
    const single = await assembleImage({ platform: gz.platform, layers: gzipOnly.layers, config: {}, created: '2023-11-14T22:13:20Z' });
    const dir = out('layout-umoci');
    await writeImage(`oci:${dir}:v1`, [single]);
    const bundle = out('bundle');
    await execFile('umoci', ['unpack', '--image', `${dir}:v1`, bundle]);
    const root = join(bundle, 'rootfs');
    assert.equal(readFileSync(join(root, 'usr/bin/tool'), 'utf8'), '#!/bin/sh\necho tool\n');
    const blob = statSync(join(root, 'srv/data/blob.bin'));
    assert.deepEqual([blob.size, blob.uid, blob.gid, blob.mode & 0o7777], [200_000, 1000, 1001, 0o640]);
    assert.equal(statSync(join(root, 'etc/setuid')).mode & 0o7777, 0o4755);
    assert.equal(statSync(join(root, 'usr/bin/tool-hard')).ino, statSync(join(root, 'usr/bin/tool')).ino, 'hardlink shares the inode');
    assert.equal(execFileSync('readlink', [join(root, 'usr/bin/tool-link')], { encoding: 'utf8' }).trim(), 'tool');
    assert.equal(statSync(join(root, 'usr/bin/tool')).mtimeMs, 1_700_000_000_000);
  });

  it('oci-archive:FILE:TAG: a tar of the layout, read by whittle and skopeo', async () => {
    const file = out('image.oci.tar');
    const written = await writeImage(`oci-archive:${file}:v2`, [image]);
    assert.equal(written.digest, image.manifestDigest);
    const members = await readTar(readFileSync(file));
    assert.ok(members.some((m) => m.name === 'index.json') && members.some((m) => m.name === 'oci-layout'));
    assert.ok(members.every((m) => m.uid === 0 && m.uname === ''));
    await readBack(`oci-archive:${file}:v2`, image);
    const info = await skopeoInspect(`oci-archive:${file}:v2`);
    assert.equal(info.Digest, image.manifestDigest);
  });

  it('docker-archive:FILE:NAME:TAG: docker save format, read by whittle and by skopeo', async () => {
    const file = out('image.docker.tar');
    await writeImage(`docker-archive:${file}:team/app:v3`, [image]);
    const members = await readTar(readFileSync(file));
    const manifest = JSON.parse(members.find((m) => m.name === 'manifest.json')!.data.toString()) as { Config: string; RepoTags: string[]; Layers: string[] }[];
    assert.deepEqual(manifest[0]!.RepoTags, ['team/app:v3']);
    assert.equal(manifest[0]!.Layers.length, 2);
    assert.equal(sha256(members.find((m) => m.name === manifest[0]!.Config)!.data), image.configDigest);
    await readBack(`docker-archive:${file}:team/app:v3`, image);
    const info = await skopeoInspect(`docker-archive:${file}:team/app:v3`);
    assert.equal(info.Architecture, 'amd64');
    assert.equal(info.Created, '2023-11-14T22:13:20Z');
    // skopeo converts it to another layout: the image (config and layers) survives the trip.
    const copy = out('from-docker-archive');
    await execFile('skopeo', ['copy', `docker-archive:${file}`, `oci:${copy}:x`]);
    const back = await openImage(`oci:${copy}:x`);
    assert.deepEqual(back.config.rootfs.diff_ids, image.layers.map((l) => l.diffId));
    await back.close();
  });

  it('writing twice gives the same bytes; another SOURCE_DATE_EPOCH another digest', async () => {
    const again = await sampleImage(out('work-again'));
    const a = out('repro-a.tar');
    const b = out('repro-b.tar');
    const ra = await writeImage(`oci-archive:${a}:t`, [image]);
    const rb = await writeImage(`oci-archive:${b}:t`, [again]);
    assert.equal(ra.digest, rb.digest);
    assert.deepEqual(readFileSync(a), readFileSync(b));
    const da = out('repro-a.docker.tar');
    const db = out('repro-b.docker.tar');
    await writeImage(`docker-archive:${da}:app:1`, [image]);
    await writeImage(`docker-archive:${db}:app:1`, [again]);
    assert.equal(sha256(readFileSync(da)), sha256(readFileSync(db)));
    const later = await sampleImage(out('work-later'), { mtime: 1_700_000_500 });
    const rc = await writeImage(`oci:${out('repro-c')}:t`, [later]);
    assert.notEqual(rc.digest, ra.digest);
  });

  it('writing into an existing layout keeps its other images and replaces the same tag (as skopeo does)', async () => {
    const dir = out('existing');
    const old = await sampleImage(out('work-old'), { mtime: 1_600_000_000 });
    await writeImage(`oci:${dir}:old`, [old]);
    await writeImage(`oci:${dir}:new`, [image]);
    await readBack(`oci:${dir}:old`, old);
    await readBack(`oci:${dir}:new`, image);
    const info = await skopeoInspect(`oci:${dir}:old`);
    assert.equal(info.Digest, old.manifestDigest);
    // The same tag again: replaced, not listed twice.
    const newer = await sampleImage(out('work-newer'), { mtime: 1_650_000_000 });
    await writeImage(`oci:${dir}:old`, [newer]);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Index;
    assert.deepEqual(index.manifests.map((m) => [m.annotations?.['org.opencontainers.image.ref.name'], m.digest]), [
      ['new', image.manifestDigest],
      ['old', newer.manifestDigest],
    ]);
    await readBack(`oci:${dir}:old`, newer);
    assert.deepEqual(readdirSync(tmp.dir).filter((n) => n.includes('.whittle-')), [], 'no temporary left beside it');
  });

  it('a layout whose index.json does not parse is left untouched', async () => {
    const dir = out('broken-layout');
    await writeImage(`oci:${dir}:a`, [image]);
    writeFileSync(join(dir, 'index.json'), '{ not json');
    const blobs = readdirSync(join(dir, 'blobs', 'sha256')).sort();
    await assert.rejects(writeImage(`oci:${dir}:b`, [image]), /index.json is missing or not valid \(refusing to replace it\)/);
    assert.equal(readFileSync(join(dir, 'index.json'), 'utf8'), '{ not json');
    assert.deepEqual(readdirSync(join(dir, 'blobs', 'sha256')).sort(), blobs);
  });
});

describe('writeImage: several platforms', () => {
  let amd64: BuiltImage;
  let arm64: BuiltImage;
  before(async () => {
    amd64 = await sampleImage(out('work-amd64'));
    arm64 = await sampleImage(out('work-arm64'), {
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      extra: [{ path: 'etc/message', type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('layer two\n') }, { path: 'etc/arm', type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('arm only') }],
    });
  });

  it('an OCI index behind index.json, one manifest per platform; each platform reads back', async () => {
    const dir = out('multi');
    const written = await writeImage(`oci:${dir}:multi`, [amd64, arm64]);
    const top = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Index;
    assert.equal(top.manifests[0]!.mediaType, MediaType.OciIndex);
    assert.equal(top.manifests[0]!.digest, written.digest);
    const index = JSON.parse(readFileSync(join(dir, 'blobs', 'sha256', written.digest.slice(7)), 'utf8')) as Index;
    assert.deepEqual(index.manifests.map((m) => [m.digest, m.platform]), [
      [amd64.manifestDigest, { os: 'linux', architecture: 'amd64' }],
      [arm64.manifestDigest, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ]);
    const a = await readBack(`oci:${dir}:multi`, amd64, { platform: 'linux/amd64' });
    assert.equal(a.digest, amd64.manifestDigest);
    const armImg = await openImage(`oci:${dir}:multi`, { platform: 'linux/arm64/v8' });
    assert.equal(armImg.digest, arm64.manifestDigest);
    assert.deepEqual(armImg.layers.map((l) => l.digest), arm64.layers.map((l) => l.digest));
    await armImg.close();

    const raw = JSON.parse((await execFile('skopeo', ['inspect', '--raw', `oci:${dir}:multi`])).stdout) as Index;
    assert.equal(raw.manifests.length, 2);
    const info = await skopeoInspect(`oci:${dir}:multi`, '--override-arch', 'arm64', '--override-variant', 'v8');
    // skopeo names the digest of what it was pointed at (the index) and describes the platform's image.
    assert.equal(info.Digest, written.digest);
    assert.equal(info.Architecture, 'arm64');
    assert.deepEqual(info.Layers, arm64.layers.map((l) => l.digest));
    const copy = out('multi-copy');
    await execFile('skopeo', ['copy', '--all', `oci:${dir}:multi`, `oci:${copy}:all`]);
    const copied = await openImage(`oci:${copy}:all`, { platform: 'linux/arm64/v8' });
    assert.equal(copied.digest, arm64.manifestDigest);
    await copied.close();
  });

  it('a docker-archive holds one platform: a clear error, nothing written', async () => {
    const file = out('multi.docker.tar');
    await assert.rejects(writeImage(`docker-archive:${file}:app:1`, [amd64, arm64]), (e: unknown) => e instanceof InputError && /docker-archive holds one platform; 2 were built \(linux\/amd64, linux\/arm64\/v8\)/.test(e.message));
    assert.deepEqual(readdirSync(tmp.dir).filter((n) => n.startsWith('multi.docker') || n.includes('.whittle-')), []);
  });

  it('the same platform twice is refused', async () => {
    await assert.rejects(writeImage(`oci:${out('twice')}`, [amd64, amd64]), /two images for the same platform linux\/amd64/);
  });
});

describe('writeImage: refusals leave nothing behind', () => {
  let image: BuiltImage;
  before(async () => {
    image = await sampleImage(out('work-fail'));
  });

  it('an unwritable folder: permission denied, nothing created', async () => {
    const locked = out('locked');
    mkdirSync(locked);
    // root ignores permission bits: make the folder immutable instead (chattr), else read-only.
    const root = process.getuid?.() === 0;
    execFileSync(root ? 'chattr' : 'chmod', root ? ['+i', locked] : ['0555', locked]);
    try {
      for (const target of [`oci:${join(locked, 'l')}:t`, `oci-archive:${join(locked, 'a.tar')}`, `docker-archive:${join(locked, 'd.tar')}`]) {
        await assert.rejects(writeImage(target, [image]), (e: unknown) => e instanceof InputError && /cannot write .*locked.*: permission denied/.test(e.message), target);
      }
      assert.deepEqual(readdirSync(locked), []);
    } finally {
      execFileSync(root ? 'chattr' : 'chmod', root ? ['-i', locked] : ['0755', locked]);
    }
  });

  it('a folder that is not a layout is never replaced; a missing parent folder is an error', async () => {
    const mine = out('not-a-layout');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    await assert.rejects(writeImage(`oci:${mine}`, [image]), /not empty and not an OCI layout \(refusing to replace it\)/);
    assert.deepEqual(readdirSync(mine), ['notes.txt']);
    assert.equal(readFileSync(join(mine, 'notes.txt'), 'utf8'), 'keep me');
    await assert.rejects(writeImage(`oci-archive:${out('no/such/dir/x.tar')}`, [image]), /folder .*no\/such\/dir does not exist/);
    await assert.rejects(writeImage(`oci-archive:${mine}`, [image]), /is a folder/);
  });

  it('a layer blob gone from disk fails the write and leaves no partial output', async () => {
    const broken: BuiltImage = { ...image, layers: [{ ...image.layers[0]!, file: out('missing.blob') }, image.layers[1]!] };
    const before = readdirSync(tmp.dir).length;
    await assert.rejects(writeImage(`oci:${out('partial')}`, [broken]));
    await assert.rejects(writeImage(`oci-archive:${out('partial.tar')}`, [broken]));
    assert.equal(readdirSync(tmp.dir).length, before);
  });

  it('targets that are not outputs are refused with the forms that are', () => {
    assert.throws(() => parseWriteTarget('out/image'), /not an output: use oci:DIR\[:TAG\]/);
    assert.throws(() => parseWriteTarget('oci:'), /needs a path/);
    assert.throws(() => parseWriteTarget('docker-archive:x.tar:Bad Name'), /invalid image reference/);
    assert.deepEqual(parseWriteTarget('oci:dir:v1'), { kind: 'oci', path: 'dir', tag: 'v1' });
    assert.deepEqual(parseWriteTarget('docker-archive:a.tar:app'), { kind: 'docker-archive', path: 'a.tar', name: 'app:latest' });
    assert.deepEqual(parseWriteTarget('localhost:5000/team/app:1'), { kind: 'registry', ref: { registry: 'localhost:5000', repository: 'team/app', tag: '1' } });
    assert.deepEqual(parseWriteTarget('docker://alpine'), { kind: 'registry', ref: { registry: 'docker.io', repository: 'library/alpine', tag: 'latest' } });
  });
});

describe('writeImage: buildah runs what was written', () => {
  it('buildah from oci:DIR:TAG, then run --isolation chroot a static program reading a file of the image', async () => {
    const hello = staticHello(tmp.dir);
    const { buildLayer } = await import('../../../src/image/write/layer.js');
    const { assembleImage } = await import('../../../src/image/write/image.js');
    const work = out('work-buildah');
    const layer = await buildLayer(
      [
        { path: 'hello', type: 'file', mode: 0o755, uid: 0, gid: 0, data: hello },
        { path: 'etc/message', type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('written by whittle\n') },
      ],
      { mtime: 1_700_000_000, compression: 'zstd', workDir: work },
    );
    const img = await assembleImage({ platform: { os: 'linux', architecture: 'amd64' }, layers: [layer], config: { Entrypoint: ['/hello'] }, created: '2023-11-14T22:13:20Z' });
    // buildah names the image after the path, and image names are lowercase: a folder of our own, no temp letters.
    const dir = `/tmp/whittle-write-buildah-${process.pid}`;
    rmSync(dir, { recursive: true, force: true });
    await writeImage(`oci:${dir}:run`, [img]);
    const args = e2eStorage.buildahArgs;
    const name = `whittle-write-test-${process.pid}`;
    mkdirSync(e2eStorage.root, { recursive: true });
    const { stdout: ctr } = await execFile('buildah', [...args, 'from', '--pull=never', '--name', name, `oci:${dir}:run`]);
    try {
      const { stdout } = await execFile('buildah', [...args, 'run', '--isolation', 'chroot', ctr.trim(), '/hello']);
      assert.equal(stdout, 'hello: written by whittle\n');
    } finally {
      await execFile('buildah', [...args, 'rm', ctr.trim()]).catch(() => {});
      await execFile('buildah', [...args, 'rmi', '--force', img.configDigest.slice(7)]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
