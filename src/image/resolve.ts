/**
 * From a manifest or index to an Image, whatever stores the blobs: picks the platform in indexes, reads and verifies
 * every manifest and the config against their descriptors, and describes each layer (compression from its media
 * type, double-checked by magic bytes when the type says plain tar).
 */
import type { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import { MediaType, compressionOfLayerType, isIndexType, isManifestType, sniffCompression } from './media-types.js';
import { formatPlatform, hostPlatform, platformMatches, selectFromIndex } from './platform.js';
import type { Compression, Descriptor, Image, ImageConfig, Index, Layer, Manifest, Platform, SourceKind } from './types.js';
import { Limits, assertDigest, assertSize, parseJsonObject, readAll, verifyBuffer } from './verify.js';

/** Where a source keeps its blobs: a layout directory, an archive, a registry repository. */
export interface BlobStore {
  /** Named in errors: the file, directory or repository. */
  readonly location: string;
  /** The blob's bytes as stored, unverified. InputError when it is absent. */
  openBlob(desc: Descriptor): Promise<Readable>;
  /** Manifests, when they come from elsewhere than blobs (registries). */
  openManifest?(desc: Descriptor): Promise<Readable>;
  /** Up to n first bytes of a blob. */
  peekBlob(desc: Descriptor, n: number): Promise<Buffer>;
  /** The stored size of a blob (undefined when absent), for stores that know it cheaply: checked before use. */
  storedSize?(desc: Descriptor): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface ResolveContext {
  store: BlobStore;
  reference: string;
  source: SourceKind;
  /** The platform asked for; default the host's. */
  platform?: Platform;
}

const MAX_INDEX_DEPTH = 4;

/** Checks that a JSON value is a descriptor and returns it typed. */
export function toDescriptor(value: unknown, what: string, file?: string): Descriptor {
  if (typeof value !== 'object' || value === null) throw new InputError(`${what}: not a descriptor`, file);
  const d = value as Record<string, unknown>;
  if (d.mediaType !== undefined && typeof d.mediaType !== 'string') throw new InputError(`${what}: mediaType is not a string`, file);
  assertDigest(d.digest, what, file);
  assertSize(d.size, what, file);
  return d as unknown as Descriptor;
}

/** Reads a manifest/config/index blob whole (refusing descriptors over `limit`) and verifies digest and size. */
export async function readVerified(store: BlobStore, desc: Descriptor, limit: number, what: string, kind: 'blob' | 'manifest' = 'blob'): Promise<Buffer> {
  assertDigest(desc.digest, what, store.location);
  assertSize(desc.size, what, store.location);
  if (desc.size > limit) throw new InputError(`${what}: descriptor claims ${desc.size} bytes, over the ${limit}-byte limit`, store.location);
  const stream = kind === 'manifest' && store.openManifest ? await store.openManifest(desc) : await store.openBlob(desc);
  const data = await readAll(stream, limit, what, store.location);
  return verifyBuffer(data, desc.digest, desc.size, what, store.location);
}

type Parsed = { kind: 'index'; index: Index } | { kind: 'manifest'; manifest: Manifest };

/** Tells a manifest from an index (by mediaType, else by shape) and validates its descriptors. */
export function parseManifestOrIndex(raw: Buffer, what: string, file?: string, mediaTypeHint?: string): Parsed {
  const obj = parseJsonObject(raw, what, file);
  const mediaType = typeof obj.mediaType === 'string' ? obj.mediaType : mediaTypeHint;
  if (obj.schemaVersion === 1 || mediaType === MediaType.DockerSchema1 || mediaType === MediaType.DockerSchema1Signed) {
    throw new InputError(`${what}: Docker schema 1 manifests are not supported (re-push the image with a current client)`, file);
  }
  if (obj.schemaVersion !== 2) throw new InputError(`${what}: unsupported schemaVersion ${JSON.stringify(obj.schemaVersion)}`, file);
  if (isIndexType(mediaType) || (!isManifestType(mediaType) && Array.isArray(obj.manifests))) {
    if (!Array.isArray(obj.manifests)) throw new InputError(`${what}: index without a manifests list`, file);
    const manifests = obj.manifests.map((m, i) => toDescriptor(m, `${what}: manifests[${i}]`, file));
    return { kind: 'index', index: { ...(obj as unknown as Index), manifests } };
  }
  if (isManifestType(mediaType) || (obj.config !== undefined && Array.isArray(obj.layers))) {
    if (!Array.isArray(obj.layers)) throw new InputError(`${what}: manifest without a layers list`, file);
    const config = toDescriptor(obj.config, `${what}: config`, file);
    const layers = obj.layers.map((l, i) => toDescriptor(l, `${what}: layers[${i}]`, file));
    return { kind: 'manifest', manifest: { ...(obj as unknown as Manifest), config, layers } };
  }
  throw new InputError(`${what}: neither an image manifest nor an index${mediaType ? ` (mediaType ${mediaType})` : ''}`, file);
}

/** Follows an index (nested ones too) down to the manifest for the platform, then builds the Image. */
export async function imageFromManifestBytes(ctx: ResolveContext, raw: Buffer, digest: string, what: string, mediaTypeHint?: string): Promise<Image> {
  const loc = ctx.store.location;
  const want = ctx.platform ?? hostPlatform();
  const rootDigest = digest;
  for (let depth = 0; ; depth++) {
    const parsed = parseManifestOrIndex(raw, what, loc, mediaTypeHint);
    if (parsed.kind === 'manifest') return { ...(await buildImage(ctx, parsed.manifest, raw, digest)), rootDigest };
    if (depth >= MAX_INDEX_DEPTH) throw new InputError(`${what}: indexes nested more than ${MAX_INDEX_DEPTH} deep`, loc);
    const desc = selectFromIndex(parsed.index, want, ctx.platform !== undefined, what, loc);
    what = `manifest ${desc.digest}`;
    raw = await readVerified(ctx.store, desc, Limits.manifest, what, 'manifest');
    digest = desc.digest;
    mediaTypeHint = desc.mediaType;
  }
}

const configTypes = new Set<string>([MediaType.OciConfig, MediaType.DockerConfig]);

/** Reads and checks a config: the JSON of an image, with one diffID per layer. */
export function parseConfig(raw: Buffer, layerCount: number, what: string, file?: string): ImageConfig {
  const obj = parseJsonObject(raw, what, file);
  const rootfs = obj.rootfs as { diff_ids?: unknown } | undefined;
  if (!rootfs || !Array.isArray(rootfs.diff_ids)) throw new InputError(`${what}: no rootfs.diff_ids`, file);
  rootfs.diff_ids.forEach((d, i) => assertDigest(d, `${what}: rootfs.diff_ids[${i}]`, file));
  if (rootfs.diff_ids.length !== layerCount) {
    throw new InputError(`${what}: lists ${rootfs.diff_ids.length} diffIDs for ${layerCount} layers`, file);
  }
  if (typeof obj.os !== 'string' || typeof obj.architecture !== 'string') throw new InputError(`${what}: missing os or architecture`, file);
  return obj as unknown as ImageConfig;
}

async function buildImage(ctx: ResolveContext, manifest: Manifest, rawManifest: Buffer, digest: string): Promise<Image> {
  const { store } = ctx;
  const loc = store.location;
  const cfgType = manifest.config.mediaType;
  if (cfgType && !configTypes.has(cfgType)) {
    throw new InputError(`manifest ${digest}: not a container image (config media type ${cfgType})`, loc);
  }
  const configRaw = await readVerified(store, manifest.config, Limits.config, `config ${manifest.config.digest}`);
  const config = parseConfig(configRaw, manifest.layers.length, `config ${manifest.config.digest}`, loc);
  const platform: Platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
  if (ctx.platform && !platformMatches(ctx.platform, platform)) {
    // As docker pull --platform: a single-platform image of another platform is not what was asked for.
    throw new InputError(`manifest ${digest}: the image is ${formatPlatform(platform)}, not the requested ${formatPlatform(ctx.platform)}`, loc);
  }
  const layers: Layer[] = [];
  for (const [index, desc] of manifest.layers.entries()) {
    const what = `layer ${index} (${desc.digest})`;
    const declared = compressionOfLayerType(desc.mediaType);
    if (declared === undefined) throw new InputError(`${what}: unsupported layer media type ${JSON.stringify(desc.mediaType)}`, loc);
    if (store.storedSize) {
      const size = await store.storedSize(desc);
      if (size === undefined) throw new InputError(`${what}: blob is missing`, loc);
      if (size !== desc.size) throw new InputError(`${what}: blob is ${size} bytes, its descriptor says ${desc.size}`, loc);
    }
    let compression: Compression = declared;
    if (declared === 'none' && desc.size > 0) {
      // Some tools label compressed blobs as plain tar; trust the bytes.
      compression = sniffCompression(await store.peekBlob(desc, 4));
    }
    layers.push({
      index,
      digest: desc.digest,
      diffId: config.rootfs.diff_ids[index]!,
      mediaType: desc.mediaType,
      compressedSize: desc.size,
      compression,
      open: () => store.openBlob(desc),
    });
  }
  return {
    reference: ctx.reference,
    source: ctx.source,
    digest,
    manifest,
    rawManifest,
    config,
    configDigest: manifest.config.digest,
    rawConfig: configRaw,
    platform,
    layers,
    close: onceAsync(() => store.close()),
  };
}

export function onceAsync(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
