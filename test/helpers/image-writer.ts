/**
 * A tiny image writer for tests: real tar bytes (tar-stream), real gzip (zlib) and zstd (the `zstd` command line
 * tool, since no installed library compresses zstd) laid out as an OCI layout, an OCI archive, or a `docker save`
 * archive (legacy and Docker 25+ OCI layouts). Options produce broken images on purpose.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { Compression, Descriptor, ImageConfig, Index, Manifest, Platform } from '../../src/image/types.js';
import { MediaType, dockerLayerType, ociLayerType } from '../../src/image/media-types.js';

export interface TestEntry {
  path: string;
  type?: 'file' | 'dir' | 'symlink' | 'link';
  content?: string | Buffer;
  mode?: number;
  linkname?: string;
  uid?: number;
  gid?: number;
  /** A size for the header that differs from the content's: the header lies. */
  size?: number;
  mtime?: Date;
}

export interface BuiltLayer {
  /** The blob as stored (compressed as asked). */
  blob: Buffer;
  /** The uncompressed tar. */
  tar: Buffer;
  diffId: string;
  digest: string;
  mediaType: string;
  compression: Compression;
}

export function sha256(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

let zstdAvailable: boolean | undefined;
/** Whether the `zstd` command line tool is installed (needed to write zstd layers). */
export function hasZstd(): boolean {
  if (zstdAvailable === undefined) {
    try {
      execFileSync('zstd', ['--version'], { stdio: 'ignore' });
      zstdAvailable = true;
    } catch {
      zstdAvailable = false;
    }
  }
  return zstdAvailable;
}

export function compress(data: Buffer, compression: Compression): Buffer {
  if (compression === 'gzip') return gzipSync(data);
  if (compression === 'zstd') {
    if (!hasZstd()) throw new Error('writing zstd layers needs the zstd command line tool (apt-get install zstd)');
    return execFileSync('zstd', ['-q', '-c', '-3'], { input: data, maxBuffer: 1 << 30 });
  }
  return data;
}

/** A tar of the entries, exactly as tar-stream writes it (plus lying sizes patched into headers). */
export async function buildTar(entries: TestEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', resolve);
    p.on('error', reject);
  });
  const lies: Array<number | undefined> = [];
  for (const e of entries) {
    const type = e.type ?? 'file';
    const content = type === 'file' ? Buffer.from(e.content ?? '') : undefined;
    const header = {
      name: e.path,
      type: type === 'dir' ? ('directory' as const) : type,
      mode: e.mode ?? (type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      mtime: e.mtime ?? new Date(0),
      linkname: e.linkname,
      size: content?.length ?? 0,
    };
    lies.push(e.size);
    await new Promise<void>((resolve, reject) => {
      p.entry(header, content ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve()));
    });
  }
  p.finalize();
  await done;
  const tar = Buffer.concat(chunks);
  if (lies.some((s) => s !== undefined)) patchSizes(tar, lies);
  return tar;
}

/** Rewrites the size field of the n-th real (non-PAX) header and its checksum, leaving the data as it was. */
function patchSizes(tar: Buffer, sizes: Array<number | undefined>): void {
  let off = 0;
  let n = 0;
  while (off + 512 <= tar.length && tar[off] !== 0 && n < sizes.length) {
    const size = parseInt(tar.toString('latin1', off + 124, off + 136).replace(/\0.*$/, '').trim() || '0', 8);
    const typeflag = String.fromCharCode(tar[off + 156]!);
    const next = off + 512 + Math.ceil(size / 512) * 512;
    if (typeflag !== 'x' && typeflag !== 'g' && typeflag !== 'L' && typeflag !== 'K') {
      const lie = sizes[n++];
      if (lie !== undefined) {
        tar.write(lie.toString(8).padStart(11, '0') + '\0', off + 124, 12, 'latin1');
        tar.fill(0x20, off + 148, off + 156);
        let sum = 0;
        for (let i = off; i < off + 512; i++) sum += tar[i]!;
        tar.write(sum.toString(8).padStart(6, '0') + '\0 ', off + 148, 8, 'latin1');
      }
    }
    off = next;
  }
}

export async function buildLayer(
  entries: TestEntry[],
  compression: Compression = 'gzip',
  mediaTypes: 'oci' | 'docker' = 'oci',
): Promise<BuiltLayer> {
  const tar = await buildTar(entries);
  const blob = compress(tar, compression);
  return {
    blob,
    tar,
    diffId: sha256(tar),
    digest: sha256(blob),
    mediaType: mediaTypes === 'docker' ? dockerLayerType(compression) : ociLayerType(compression),
    compression,
  };
}

/** One image: its layers (entries or prebuilt), its config, its platform. */
export interface ImageSpec {
  layers: Array<TestEntry[] | BuiltLayer>;
  compression?: Compression;
  config?: Partial<ImageConfig>;
  platform?: Platform;
  /** OCI (default) or Docker schema 2 media types. */
  mediaTypes?: 'oci' | 'docker';
  /** The tag (or name:tag for docker archives) this image is known by. */
  tag?: string;
}

/** Ways to break the first image on purpose. Layer numbers are 0-based. */
export interface Corruption {
  /** The stored bytes of this layer differ from its digest (same size). */
  blobDigest?: number;
  /** The config lists a wrong diffID for this layer. */
  diffId?: number;
  /** This layer's stored blob is cut to half its size. */
  truncateBlob?: number;
  /** This layer's blob is not stored at all. */
  missingBlob?: number;
  /** The stored config differs from its digest. */
  configDigest?: boolean;
  /** The descriptor of this layer claims a wrong size (bigger than the blob). */
  layerSize?: number;
  /** manifest.json (docker archives) / index.json (OCI) point outside the archive (`../`). */
  pathOutside?: boolean;
  /** index.json / manifest.json are not JSON. */
  notJson?: boolean;
}

export interface WriteOptions extends Omit<ImageSpec, 'layers'> {
  /** The image's layers (entries or prebuilt); or give `images` / `platforms`. */
  layers?: ImageSpec['layers'];
  /** Several images in one layout/archive (each with its tag); overrides the top-level spec. */
  images?: ImageSpec[];
  /** flat: index.json lists the manifest(s); nested: index.json → index → manifest; multi-platform: index.json → index → one manifest per `platforms`. */
  index?: 'flat' | 'nested' | 'multi-platform';
  /** The images of a multi-platform index (each with its platform). */
  platforms?: ImageSpec[];
  /** Add a buildx attestation manifest (platform unknown/unknown) to a multi-platform index. */
  attestation?: boolean;
  corrupt?: Corruption;
}

export interface WrittenImage {
  /** Manifest digest. */
  digest: string;
  manifest: Manifest;
  rawManifest: Buffer;
  config: ImageConfig;
  configDigest: string;
  rawConfig: Buffer;
  layers: BuiltLayer[];
  platform: Platform;
  tag?: string;
}

export interface WrittenLayout {
  /** The images in index order (all platforms of a multi-platform index). */
  images: WrittenImage[];
  /** The nested / multi-platform index's digest, when there is one. */
  indexDigest?: string;
  rawIndex?: Buffer;
  /** index.json as written (OCI layouts and archives). */
  topIndex: Index;
  /** Every blob by digest, as stored (after corruption). */
  blobs: Map<string, Buffer>;
}

const defaultPlatform: Platform = { os: 'linux', architecture: 'amd64' };

function single(opts: WriteOptions): ImageSpec {
  if (!opts.layers) throw new Error('image writer: give layers, images or platforms');
  return { ...opts, layers: opts.layers };
}

async function materialise(spec: ImageSpec, corrupt: Corruption | undefined): Promise<{ image: WrittenImage; blobs: Map<string, Buffer> }> {
  const family = spec.mediaTypes ?? 'oci';
  const layers: BuiltLayer[] = [];
  for (const l of spec.layers) layers.push(Array.isArray(l) ? await buildLayer(l, spec.compression ?? 'gzip', family) : l);
  const platform = spec.platform ?? defaultPlatform;
  const diffIds = layers.map((l) => l.diffId);
  if (corrupt?.diffId !== undefined) diffIds[corrupt.diffId] = sha256('not the diffID ' + corrupt.diffId);
  const config: ImageConfig = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created: '2024-01-01T00:00:00Z',
    config: { Cmd: ['/bin/sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    history: layers.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `layer ${i}` })),
    ...spec.config,
    rootfs: { type: 'layers', diff_ids: diffIds },
  };
  const rawConfig = Buffer.from(JSON.stringify(config));
  const configDigest = sha256(rawConfig);
  const blobs = new Map<string, Buffer>();
  blobs.set(configDigest, corrupt?.configDigest ? flipByte(rawConfig) : rawConfig);
  const layerDescs: Descriptor[] = layers.map((l, i) => ({
    mediaType: l.mediaType,
    digest: l.digest,
    size: l.blob.length + (corrupt?.layerSize === i ? 100 : 0),
  }));
  layers.forEach((l, i) => {
    if (corrupt?.missingBlob === i) return;
    let stored = l.blob;
    if (corrupt?.blobDigest === i) stored = flipByte(l.blob);
    if (corrupt?.truncateBlob === i) stored = l.blob.subarray(0, Math.floor(l.blob.length / 2));
    blobs.set(l.digest, stored);
  });
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: family === 'docker' ? MediaType.DockerManifest : MediaType.OciManifest,
    config: { mediaType: family === 'docker' ? MediaType.DockerConfig : MediaType.OciConfig, digest: configDigest, size: rawConfig.length },
    layers: layerDescs,
  };
  const rawManifest = Buffer.from(JSON.stringify(manifest));
  const digest = sha256(rawManifest);
  blobs.set(digest, rawManifest);
  return {
    image: { digest, manifest, rawManifest, config, configDigest, rawConfig, layers, platform, ...(spec.tag ? { tag: spec.tag } : {}) },
    blobs,
  };
}

function flipByte(b: Buffer): Buffer {
  const copy = Buffer.from(b);
  const at = Math.floor(copy.length / 2);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}

function manifestDescriptor(img: WrittenImage, extra?: Record<string, string>): Descriptor {
  const annotations = { ...(img.tag ? { 'org.opencontainers.image.ref.name': img.tag } : {}), ...extra };
  return {
    mediaType: img.manifest.mediaType!,
    digest: img.digest,
    size: img.rawManifest.length,
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** Builds every blob and index of an OCI layout in memory. */
export async function buildLayout(opts: WriteOptions): Promise<WrittenLayout> {
  const blobs = new Map<string, Buffer>();
  const images: WrittenImage[] = [];
  const add = async (spec: ImageSpec, corrupt?: Corruption) => {
    const m = await materialise(spec, corrupt);
    for (const [k, v] of m.blobs) blobs.set(k, v);
    images.push(m.image);
    return m.image;
  };
  const mode = opts.index ?? 'flat';
  const topIndex: Index = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  let indexDigest: string | undefined;
  let rawIndex: Buffer | undefined;
  if (mode === 'flat') {
    const specs = opts.images ?? (opts.platforms ? opts.platforms.map((p) => ({ ...p, tag: p.tag ?? opts.tag })) : [single(opts)]);
    for (let i = 0; i < specs.length; i++) {
      const img = await add(specs[i]!, i === 0 ? opts.corrupt : undefined);
      topIndex.manifests.push({ ...manifestDescriptor(img), ...(opts.platforms ? { platform: img.platform } : {}) });
    }
  } else {
    const specs = mode === 'multi-platform' ? (opts.platforms ?? [single(opts)]) : [single(opts)];
    const docker = specs[0]?.mediaTypes === 'docker';
    const inner: Index = { schemaVersion: 2, mediaType: docker ? MediaType.DockerManifestList : MediaType.OciIndex, manifests: [] };
    for (let i = 0; i < specs.length; i++) {
      const img = await add({ ...specs[i]!, tag: undefined }, i === 0 ? opts.corrupt : undefined);
      inner.manifests.push({ ...manifestDescriptor(img), platform: img.platform });
      if (opts.attestation) {
        const att = await materialise({ layers: [[{ path: 'sbom.spdx.json', content: '{}' }]], compression: 'gzip', platform: { os: 'unknown', architecture: 'unknown' } }, undefined);
        for (const [k, v] of att.blobs) blobs.set(k, v);
        inner.manifests.push({
          ...manifestDescriptor(att.image, { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': img.digest }),
          platform: { os: 'unknown', architecture: 'unknown' },
        });
      }
    }
    rawIndex = Buffer.from(JSON.stringify(inner));
    indexDigest = sha256(rawIndex);
    blobs.set(indexDigest, rawIndex);
    topIndex.manifests.push({
      mediaType: inner.mediaType!,
      digest: indexDigest,
      size: rawIndex.length,
      ...(opts.tag ? { annotations: { 'org.opencontainers.image.ref.name': opts.tag } } : {}),
    });
  }
  if (opts.corrupt?.pathOutside) topIndex.manifests[0]!.digest = 'sha256:../../../etc/passwd';
  return { images, topIndex, blobs, ...(indexDigest ? { indexDigest, rawIndex: rawIndex! } : {}) };
}

/** Files of an OCI layout: path → bytes. */
function layoutFiles(layout: WrittenLayout, corrupt?: Corruption): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  files.set('index.json', corrupt?.notJson ? Buffer.from('this is not JSON {') : Buffer.from(JSON.stringify(layout.topIndex)));
  for (const [digest, data] of layout.blobs) files.set('blobs/' + digest.replace(':', '/'), data);
  return files;
}

/** Writes an OCI image layout directory. */
export async function writeOciLayout(dir: string, opts: WriteOptions): Promise<WrittenLayout> {
  const layout = await buildLayout(opts);
  for (const [name, data] of layoutFiles(layout, opts.corrupt)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return layout;
}

export interface TarMember {
  name: string;
  content?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

/** A tar archive of members, written as given (duplicates and odd names included: tests want hostile archives). */
export async function tarOf(members: TarMember[]): Promise<Buffer> {
  return buildTar(
    members.map((m) => ({
      path: m.name,
      type: m.type === 'directory' ? 'dir' : (m.type ?? 'file'),
      content: m.content,
      linkname: m.linkname,
    })),
  );
}

export async function writeTar(file: string, members: TarMember[]): Promise<Buffer> {
  const tar = await tarOf(members);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, tar);
  return tar;
}

/** Writes an OCI archive: a tar of an OCI layout (what `skopeo copy ... oci-archive:` and buildah produce). */
export async function writeOciArchive(file: string, opts: WriteOptions): Promise<WrittenLayout> {
  const layout = await buildLayout(opts);
  const members = [...layoutFiles(layout, opts.corrupt)].map(([name, content]) => ({ name, content }));
  await writeTar(file, members);
  return layout;
}

export interface DockerArchiveOptions extends WriteOptions {
  /** legacy: `docker save` before 25 (<id>/layer.tar, <id>.json); podman: podman/skopeo (<hex>.tar); oci: Docker 25+ (OCI layout + manifest.json). */
  format?: 'legacy' | 'podman' | 'oci';
}

/** Writes a `docker save` archive. Legacy layers are stored as given (uncompressed unless `compression` says so). */
export async function writeDockerArchive(file: string, opts: DockerArchiveOptions): Promise<WrittenLayout> {
  const format = opts.format ?? 'legacy';
  const specs = opts.images ?? [single(opts)];
  const defaultCompression: Compression = 'none';
  const withCompression = specs.map((s) => ({ ...s, compression: s.compression ?? defaultCompression }));
  if (format === 'oci') {
    const layout = await buildLayout({ ...opts, images: withCompression, index: opts.index ?? 'flat' });
    // Docker 25 names images by their full reference in this annotation, and the tag alone in ref.name.
    layout.topIndex.manifests.forEach((d, i) => {
      const tag = withCompression[i]?.tag;
      if (tag) d.annotations = { 'io.containerd.image.name': fullName(tag), 'org.opencontainers.image.ref.name': tag.replace(/^.*:/, '') };
    });
    const files = layoutFiles(layout, opts.corrupt);
    const manifestJson = layout.images.map((img) => ({
      Config: 'blobs/' + img.configDigest.replace(':', '/'),
      RepoTags: img.tag ? [img.tag] : [],
      Layers: img.layers.map((l) => 'blobs/' + l.digest.replace(':', '/')),
    }));
    if (opts.corrupt?.pathOutside) manifestJson[0]!.Layers[0] = '../../../etc/passwd';
    files.set('manifest.json', opts.corrupt?.notJson ? Buffer.from('not json') : Buffer.from(JSON.stringify(manifestJson)));
    await writeTar(file, [...files].map(([name, content]) => ({ name, content })));
    return layout;
  }
  // Legacy and podman: no manifests or media types, only manifest.json, configs and layer tars.
  const files = new Map<string, Buffer>();
  const manifestJson: Array<{ Config: string; RepoTags: string[] | null; Layers: string[] }> = [];
  const repositories: Record<string, Record<string, string>> = {};
  const images: WrittenImage[] = [];
  const blobs = new Map<string, Buffer>();
  for (let i = 0; i < withCompression.length; i++) {
    const spec = withCompression[i]!;
    const m = await materialise({ ...spec, mediaTypes: 'docker' }, i === 0 ? opts.corrupt : undefined);
    images.push(m.image);
    for (const [k, v] of m.blobs) blobs.set(k, v);
    const configName = m.image.configDigest.slice(7) + '.json';
    files.set(configName, m.blobs.get(m.image.configDigest)!);
    const layerNames: string[] = [];
    m.image.layers.forEach((l, li) => {
      const stored = m.blobs.get(l.digest);
      const name = format === 'podman' ? l.digest.slice(7) + '.tar' : sha256(`${configName}/${li}`).slice(7) + '/layer.tar';
      layerNames.push(name);
      if (stored) files.set(name, stored);
    });
    manifestJson.push({ Config: configName, RepoTags: spec.tag ? [spec.tag] : null, Layers: layerNames });
    if (spec.tag) {
      const [repo, tag] = splitTag(spec.tag);
      (repositories[repo] ??= {})[tag] = sha256(layerNames.at(-1) ?? '').slice(7);
    }
  }
  if (opts.corrupt?.pathOutside) manifestJson[0]!.Layers[0] = '../../../etc/passwd';
  files.set('manifest.json', opts.corrupt?.notJson ? Buffer.from('not json') : Buffer.from(JSON.stringify(manifestJson)));
  if (format === 'legacy') files.set('repositories', Buffer.from(JSON.stringify(repositories)));
  await writeTar(file, [...files].map(([name, content]) => ({ name, content })));
  return { images, topIndex: { schemaVersion: 2, manifests: [] }, blobs };
}

function splitTag(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, 'latest'];
}

function fullName(tag: string): string {
  const [repo, t] = splitTag(tag);
  const first = repo.split('/')[0]!;
  const hasHost = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const full = hasHost ? repo : repo.includes('/') ? `docker.io/${repo}` : `docker.io/library/${repo}`;
  return `${full}:${t}`;
}
