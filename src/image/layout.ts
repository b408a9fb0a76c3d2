/**
 * OCI image layouts (a directory, or the same inside a tar): index.json → the image named by tag (annotation
 * org.opencontainers.image.ref.name, or containerd's io.containerd.image.name in Docker 25+ archives) → Image.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import { isIndexType } from './media-types.js';
import { hostPlatform, isAttestation, selectFromIndex } from './platform.js';
import { sameReference } from './reference.js';
import { type BlobStore, type ResolveContext, imageFromManifestBytes, parseManifestOrIndex, readVerified } from './resolve.js';
import type { TarIndex } from './tar-index.js';
import type { Descriptor, Image, Index } from './types.js';
import { Limits, assertDigest, parseJsonObject, readAll } from './verify.js';

/** A store whose blobs live at `blobs/<algorithm>/<hex>` and which also holds index.json. */
export interface LayoutStore extends BlobStore {
  /** Reads a metadata file of the layout (index.json, oci-layout) whole; undefined when absent. */
  readFile(name: string, limit: number): Promise<Buffer | undefined>;
}

/** The path of a blob in a layout; the digest is validated first, so the path cannot climb out. */
export function blobPath(digest: string, what: string, file: string): string {
  assertDigest(digest, what, file);
  return `blobs/${digest.replace(':', '/')}`;
}

/** An OCI layout directory. */
export class DirLayoutStore implements LayoutStore {
  constructor(readonly location: string) {}

  private path(desc: Descriptor): string {
    return join(this.location, blobPath(desc.digest, `blob ${desc.digest}`, this.location));
  }

  async openBlob(desc: Descriptor): Promise<Readable> {
    const p = this.path(desc);
    if ((await this.storedSize(desc)) === undefined) throw new InputError(`blob ${desc.digest} is missing from the layout`, this.location);
    return createReadStream(p);
  }

  async peekBlob(desc: Descriptor, n: number): Promise<Buffer> {
    const fh = await open(this.path(desc), 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await fh.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async storedSize(desc: Descriptor): Promise<number | undefined> {
    try {
      const s = await stat(this.path(desc));
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  }

  async readFile(name: string, limit: number): Promise<Buffer | undefined> {
    const p = join(this.location, name);
    let s;
    try {
      s = await stat(p);
    } catch {
      return undefined;
    }
    if (!s.isFile()) throw new InputError(`${name} is not a regular file`, this.location);
    if (s.size > limit) throw new InputError(`${name}: ${s.size} bytes is larger than the ${limit}-byte limit`, p);
    return readAll(createReadStream(p), limit, name, p);
  }

  async close(): Promise<void> {}
}

/** An OCI layout inside a tar (oci-archive, Docker 25+ `docker save`), served from the archive in place. */
export class TarLayoutStore implements LayoutStore {
  readonly location: string;
  constructor(private readonly tar: TarIndex) {
    this.location = tar.file;
  }

  private member(desc: Descriptor) {
    const path = blobPath(desc.digest, `blob ${desc.digest}`, this.location);
    return this.tar.resolve(path, `blob ${desc.digest}`);
  }

  async openBlob(desc: Descriptor): Promise<Readable> {
    const m = this.member(desc);
    if (!m) throw new InputError(`blob ${desc.digest} is missing from the archive`, this.location);
    return this.tar.openMember(m);
  }

  async peekBlob(desc: Descriptor, n: number): Promise<Buffer> {
    const m = this.member(desc);
    if (!m) throw new InputError(`blob ${desc.digest} is missing from the archive`, this.location);
    return this.tar.peekMember(m, n);
  }

  async storedSize(desc: Descriptor): Promise<number | undefined> {
    return this.member(desc)?.size;
  }

  async readFile(name: string, limit: number): Promise<Buffer | undefined> {
    if (!this.tar.has(name)) return undefined;
    return this.tar.readMember(name, limit, name);
  }

  async close(): Promise<void> {}
}

/** Reads index.json (unverified: nothing names its digest) and checks its shape. */
export async function readLayoutIndex(store: LayoutStore): Promise<Index> {
  const raw = await store.readFile('index.json', Limits.metadata);
  if (!raw) throw new InputError('not an OCI layout: index.json is missing', store.location);
  const parsed = parseManifestOrIndex(raw, 'index.json', store.location, undefined);
  if (parsed.kind !== 'index') throw new InputError('index.json: is a manifest, not an index', store.location);
  const layoutFile = await store.readFile('oci-layout', Limits.metadata);
  if (layoutFile) {
    const version = parseJsonObject(layoutFile, 'oci-layout', store.location).imageLayoutVersion;
    if (typeof version !== 'string' || !version.startsWith('1.')) {
      throw new InputError(`oci-layout: unsupported imageLayoutVersion ${JSON.stringify(version)}`, store.location);
    }
  }
  return parsed.index;
}

/** The names a layout entry answers to. */
export function entryNames(d: Descriptor): string[] {
  const a = d.annotations ?? {};
  return [a['org.opencontainers.image.ref.name'], a['io.containerd.image.name']].filter((n): n is string => typeof n === 'string');
}

function nameMatches(d: Descriptor, wanted: string): boolean {
  return entryNames(d).some((n) => n === wanted || sameReference(n, wanted));
}

/**
 * Chooses the entry of index.json: by tag when given; else the only one; else, when the entries are the platforms
 * of one image, by platform.
 */
export function chooseLayoutEntry(index: Index, tag: string | undefined, ctx: ResolveContext): Descriptor {
  const loc = ctx.store.location;
  const entries = index.manifests.filter((d) => !isAttestation(d));
  const named = tag === undefined ? entries : entries.filter((d) => nameMatches(d, tag));
  if (named.length === 0) {
    const names = [...new Set(entries.flatMap(entryNames))];
    throw new InputError(
      tag === undefined
        ? 'index.json lists no images'
        : `no image named ${JSON.stringify(tag)} (names: ${names.length ? names.join(', ') : 'none'})`,
      loc,
    );
  }
  if (named.length === 1) return named[0]!;
  // Several entries are the platforms of one image when they share one name (or have none) and each states a platform.
  const distinctNames = new Set(named.map((d) => entryNames(d).join('\0')));
  if (named.every((d) => d.platform) && distinctNames.size === 1) {
    return selectFromIndex({ schemaVersion: 2, manifests: named }, ctx.platform ?? hostPlatform(), ctx.platform !== undefined, 'index.json', loc);
  }
  const names = [...new Set(named.flatMap(entryNames))];
  throw new InputError(`holds ${named.length} images: name one${names.length ? ` (${names.join(', ')})` : ''}`, loc);
}

/** Opens the image a tag names in a layout. */
export async function imageFromLayout(ctx: ResolveContext & { store: LayoutStore }, tag: string | undefined): Promise<Image> {
  const index = await readLayoutIndex(ctx.store);
  const desc = chooseLayoutEntry(index, tag, ctx);
  const what = `${isIndexType(desc.mediaType) ? 'index' : 'manifest'} ${desc.digest}`;
  const raw = await readVerified(ctx.store, desc, Limits.manifest, what, 'manifest');
  return imageFromManifestBytes(ctx, raw, desc.digest, what, desc.mediaType);
}

/** All images of a layout for one platform each entry, with their names (used to match `docker save` RepoTags by config). */
export async function layoutEntries(store: LayoutStore): Promise<Descriptor[]> {
  return (await readLayoutIndex(store)).manifests.filter((d) => !isAttestation(d));
}
