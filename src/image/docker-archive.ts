/**
 * `docker save` archives, read in place: the legacy layout (manifest.json, <id>/layer.tar, <id>.json,
 * repositories; also podman/skopeo's <hex>.tar naming) and Docker 25+'s (an OCI layout plus manifest.json).
 */
import { InputError } from '../core/errors.js';
import { MediaType, dockerLayerType, sniffCompression } from './media-types.js';
import { TarLayoutStore, entryNames, imageFromLayout, layoutEntries } from './layout.js';
import { formatPlatform, platformMatches } from './platform.js';
import { sameReference } from './reference.js';
import { type BlobStore, type ResolveContext, imageFromManifestBytes, parseConfig, onceAsync, readVerified } from './resolve.js';
import { imageFromArchiveFile } from './archive-file.js';
import { type TarIndex, safeArchivePath, type TarMember } from './tar-index.js';
import type { Descriptor, Image, Layer, Manifest, Platform } from './types.js';
import { Limits, digestOf } from './verify.js';

interface ManifestEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

export interface ArchiveOpenOptions {
  reference: string;
  platform?: Platform;
}

/** Parses manifest.json: an array of {Config, RepoTags, Layers}. */
async function readManifestJson(tar: TarIndex): Promise<ManifestEntry[]> {
  const raw = await tar.readMember('manifest.json', Limits.metadata, 'manifest.json');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InputError('manifest.json: not valid JSON', tar.file);
  }
  if (!Array.isArray(value) || value.length === 0) throw new InputError('manifest.json: expected a non-empty array of images', tar.file);
  return value.map((e: unknown, i) => {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const what = `manifest.json: entry ${i}`;
    if (typeof o.Config !== 'string') throw new InputError(`${what}: Config is not a path`, tar.file);
    if (!Array.isArray(o.Layers) || !o.Layers.every((l) => typeof l === 'string')) throw new InputError(`${what}: Layers is not a list of paths`, tar.file);
    const tags = Array.isArray(o.RepoTags) ? o.RepoTags.filter((t): t is string => typeof t === 'string') : [];
    return { Config: o.Config, RepoTags: tags, Layers: o.Layers as string[] };
  });
}

/** `@N` picks the N-th image (as skopeo's docker-archive:FILE:@N); otherwise a tag as in RepoTags. */
function chooseEntry(entries: ManifestEntry[], ref: string | undefined, file: string): ManifestEntry {
  if (ref !== undefined && /^@\d+$/.test(ref)) {
    const e = entries[Number(ref.slice(1))];
    if (!e) throw new InputError(`no image ${ref}: the archive holds ${entries.length}`, file);
    return e;
  }
  if (ref === undefined) {
    if (entries.length === 1) return entries[0]!;
    throw new InputError(`holds ${entries.length} images: name one (${allTags(entries)})`, file);
  }
  const found = entries.find((e) => e.RepoTags.some((t) => sameReference(t, ref)));
  if (!found) throw new InputError(`no image tagged ${JSON.stringify(ref)} (tags: ${allTags(entries) || 'none'})`, file);
  return found;
}

function allTags(entries: ManifestEntry[]): string {
  return entries.map((e, i) => (e.RepoTags.length ? e.RepoTags.join(' ') : `@${i}`)).join(', ');
}

/** The digest a `blobs/sha256/<hex>` or `<hex>.json` / `<hex>.tar` name states, if it states one. */
function digestInName(path: string): string | undefined {
  const m = /(?:^|\/)(?:blobs\/(sha256|sha512)\/)?([a-f0-9]{64}|[a-f0-9]{128})(?:\.json|\.tar)?$/.exec(path);
  if (!m) return undefined;
  return `${m[1] ?? (m[2]!.length === 64 ? 'sha256' : 'sha512')}:${m[2]}`;
}

/** A legacy archive's layers, served from the tar by path. */
class LegacyStore implements BlobStore {
  readonly location: string;
  constructor(
    private readonly tar: TarIndex,
    private readonly members: Map<string, TarMember>,
  ) {
    this.location = tar.file;
  }
  private member(desc: Descriptor): TarMember {
    const m = this.members.get(desc.digest);
    if (!m) throw new InputError(`blob ${desc.digest} is not in the archive`, this.location);
    return m;
  }
  async openBlob(desc: Descriptor) {
    return this.tar.openMember(this.member(desc));
  }
  async peekBlob(desc: Descriptor, n: number) {
    return this.tar.peekMember(this.member(desc), n);
  }
  async close(): Promise<void> {}
}

async function hashMember(tar: TarIndex, m: TarMember): Promise<string> {
  const { createHash } = await import('node:crypto');
  const h = createHash('sha256');
  for await (const chunk of tar.openMember(m)) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

/** Legacy layout: the manifest is synthesised (Docker schema 2) from manifest.json, the config and the layer tars. */
async function openLegacy(tar: TarIndex, ref: string | undefined, opts: ArchiveOpenOptions): Promise<Image> {
  const file = tar.file;
  const entry = chooseEntry(await readManifestJson(tar), ref, file);
  const configPath = safeArchivePath(entry.Config, 'manifest.json: Config', file);
  const configRaw = await tar.readMember(configPath, Limits.config, `config ${configPath}`);
  const configDigest = digestOf(configRaw);
  const named = digestInName(configPath);
  if (named && named.startsWith('sha256:') && named !== configDigest) {
    throw new InputError(`config ${configPath}: digest mismatch: its name says ${named}, its content hashes to ${configDigest}`, file);
  }
  const config = parseConfig(configRaw, entry.Layers.length, `config ${configPath}`, file);
  const platform: Platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
  if (opts.platform && !platformMatches(opts.platform, platform)) {
    throw new InputError(`the image is ${formatPlatform(platform)}, not the requested ${formatPlatform(opts.platform)}`, file);
  }
  const members = new Map<string, TarMember>();
  const descriptors: Descriptor[] = [];
  for (const [i, layerPath] of entry.Layers.entries()) {
    const path = safeArchivePath(layerPath, `manifest.json: Layers[${i}]`, file);
    const m = tar.require(path, `manifest.json: Layers[${i}]`);
    const compression = sniffCompression(await tar.peekMember(m, 4));
    // An uncompressed layer.tar is the diff itself: its digest is the diffID, which the reader verifies as it hashes.
    // A compressed one (rare: some tools) is hashed here, or taken from a blobs/sha256/<hex> name the reader verifies.
    const digest = compression === 'none' ? config.rootfs.diff_ids[i]! : (digestInName(path) ?? (await hashMember(tar, m)));
    members.set(digest, m);
    descriptors.push({ mediaType: dockerLayerType(compression), digest, size: m.size });
  }
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.DockerManifest,
    config: { mediaType: MediaType.DockerConfig, digest: configDigest, size: configRaw.length },
    layers: descriptors,
  };
  const rawManifest = Buffer.from(JSON.stringify(manifest));
  const store = new LegacyStore(tar, members);
  const layers: Layer[] = descriptors.map((d, index) => ({
    index,
    digest: d.digest,
    diffId: config.rootfs.diff_ids[index]!,
    mediaType: d.mediaType,
    compressedSize: d.size,
    compression: sniffFromType(d.mediaType),
    open: () => store.openBlob(d),
  }));
  return {
    reference: opts.reference,
    source: 'docker-archive',
    digest: digestOf(rawManifest),
    manifest,
    rawManifest,
    config,
    configDigest,
    rawConfig: configRaw,
    platform,
    layers,
    close: onceAsync(() => store.close()),
  };
}

function sniffFromType(mediaType: string) {
  return mediaType === MediaType.DockerLayerGzip ? 'gzip' : mediaType === MediaType.DockerLayerZstd ? 'zstd' : 'none';
}

/**
 * Docker 25+: the OCI layout inside names images by annotation; when a tag is found only in manifest.json's
 * RepoTags, the image is the layout entry whose config is that entry's Config.
 */
async function openDocker25(tar: TarIndex, ref: string | undefined, opts: ArchiveOpenOptions, hasManifestJson: boolean): Promise<Image> {
  const store = new TarLayoutStore(tar);
  const ctx: ResolveContext & { store: TarLayoutStore } = {
    store,
    reference: opts.reference,
    source: hasManifestJson ? 'docker-archive' : 'oci-archive',
    ...(opts.platform ? { platform: opts.platform } : {}),
  };
  const entries = await layoutEntries(store);
  // Several images and no name: list the names users know, manifest.json's RepoTags.
  if (ref === undefined && hasManifestJson && entries.length > 1) chooseEntry(await readManifestJson(tar), undefined, tar.file);
  const byAnnotation = ref === undefined || entries.some((d) => entryNames(d).some((n) => n === ref || sameReference(n, ref)));
  if (byAnnotation || !hasManifestJson) return imageFromLayout(ctx, ref);
  const entry = chooseEntry(await readManifestJson(tar), ref, tar.file);
  const configPath = safeArchivePath(entry.Config, 'manifest.json: Config', tar.file);
  const wantConfig = digestInName(configPath);
  for (const d of entries) {
    const what = `manifest ${d.digest}`;
    const raw = await readVerified(store, d, Limits.manifest, what, 'manifest');
    const image = await imageFromManifestBytes(ctx, raw, d.digest, what, d.mediaType);
    if (image.configDigest === wantConfig) return image;
  }
  throw new InputError(`manifest.json names ${JSON.stringify(ref)} but no image in index.json has its config ${entry.Config}`, tar.file);
}

/** Opens a `docker save` archive (either layout), or an OCI archive given as a plain .tar. */
export async function openDockerArchive(file: string, ref: string | undefined, opts: ArchiveOpenOptions, index?: TarIndex): Promise<Image> {
  if (!index) return imageFromArchiveFile(file, (tar) => openDockerArchive(file, ref, opts, tar));
  const tar = index;
  const hasManifestJson = tar.has('manifest.json');
  if (tar.has('index.json')) return openDocker25(tar, ref, opts, hasManifestJson);
  if (hasManifestJson) return openLegacy(tar, ref, opts);
  throw new InputError('neither manifest.json nor index.json: not a docker save or OCI archive', file);
}
