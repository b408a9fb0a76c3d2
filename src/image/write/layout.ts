/**
 * An OCI image layout in a folder: oci-layout, blobs/sha256/<hex>, and index.json naming the image by tag
 * (org.opencontainers.image.ref.name). Several images (one per platform) go behind an OCI image index blob.
 */
import { constants, existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { MediaType } from '../media-types.js';
import { formatPlatform } from '../platform.js';
import type { Descriptor, Index } from '../types.js';
import { canonicalJson, sha256Digest } from './image.js';
import type { BuiltImage } from './types.js';

export const REF_NAME = 'org.opencontainers.image.ref.name';

/** The images a write puts out: at least one, and no platform twice. */
export function checkImages(images: BuiltImage[]): void {
  if (images.length === 0) throw new InputError('no image to write');
  const seen = new Set<string>();
  for (const img of images) {
    const p = formatPlatform(img.platform);
    if (seen.has(p)) throw new InputError(`two images for the same platform ${p}: an index holds one image per platform`);
    seen.add(p);
  }
}

/** The OCI image index of several images, each with its platform (canonical JSON). */
export function imageIndex(images: BuiltImage[]): { bytes: Buffer; digest: string } {
  const index: Index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((img) => manifestDescriptor(img)),
  };
  const bytes = canonicalJson(index);
  return { bytes, digest: sha256Digest(bytes) };
}

export function manifestDescriptor(img: BuiltImage, annotations?: Record<string, string>): Descriptor {
  return { mediaType: MediaType.OciManifest, digest: img.manifestDigest, size: img.manifest.length, platform: img.platform, ...(annotations ? { annotations } : {}) };
}

/** A hard link, or a copy across filesystems; a file already there (same digest, same bytes) is left as it is. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  if (existsSync(to)) return;
  await link(from, to).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'EEXIST') throw err;
    await copyFile(from, to, constants.COPYFILE_FICLONE);
  });
}

/**
 * What an existing layout keeps when an image is written into it (as skopeo adds to a layout): every blob (linked,
 * not copied) and every entry of index.json except the one the new image replaces (the same ref.name, or the
 * untagged one when the new image is untagged). An index.json that does not parse stops the write.
 */
export async function carryOver(oldDir: string, newDir: string, tag: string | undefined): Promise<Descriptor[]> {
  let index: Index;
  try {
    index = JSON.parse(await readFile(join(oldDir, 'index.json'), 'utf8')) as Index;
    if (!Array.isArray(index.manifests)) throw new Error('no manifests');
  } catch {
    throw new InputError(`cannot add to the OCI layout at ${oldDir}: its index.json is missing or not valid (refusing to replace it)`);
  }
  for (const algorithm of await readdir(join(oldDir, 'blobs')).catch(() => [] as string[])) {
    await mkdir(join(newDir, 'blobs', algorithm), { recursive: true });
    for (const name of await readdir(join(oldDir, 'blobs', algorithm))) await linkOrCopy(join(oldDir, 'blobs', algorithm, name), join(newDir, 'blobs', algorithm, name));
  }
  return index.manifests.filter((d) => d.annotations?.[REF_NAME] !== tag);
}

function hexOf(digest: string): string {
  return digest.slice('sha256:'.length);
}

export interface LayoutResult {
  /** The manifest's digest, or the index's for several images. */
  digest: string;
  /** Paths (relative to the layout) of each image's config and layers, for docker-archive's manifest.json. */
  blobPath: (digest: string) => string;
}

/**
 * Fills an empty folder with the layout. Layer blobs are hard-linked from the work folder when it is on the same
 * filesystem (a 300 MB layer is not copied), else copied (copy-on-write where the filesystem can); they are not
 * re-hashed: buildLayer hashed them as it wrote them.
 */
export async function fillLayout(dir: string, images: BuiltImage[], annotations: Record<string, string> = {}, keep: Descriptor[] = []): Promise<LayoutResult> {
  checkImages(images);
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const written = new Set<string>();
  const putBytes = async (digest: string, bytes: Buffer) => {
    if (written.has(digest)) return;
    written.add(digest);
    // A blob carried over from an existing layout is a hard link to its file: never write through it.
    if (!existsSync(join(blobs, hexOf(digest)))) await writeFile(join(blobs, hexOf(digest)), bytes);
  };
  for (const img of images) {
    for (const layer of img.layers) {
      if (written.has(layer.digest)) continue;
      written.add(layer.digest);
      await linkOrCopy(layer.file, join(blobs, hexOf(layer.digest)));
    }
    await putBytes(img.configDigest, img.config);
    await putBytes(img.manifestDigest, img.manifest);
  }
  let top: Descriptor;
  if (images.length === 1) {
    top = manifestDescriptor(images[0]!, Object.keys(annotations).length ? annotations : undefined);
  } else {
    const index = imageIndex(images);
    await putBytes(index.digest, index.bytes);
    top = { mediaType: MediaType.OciIndex, digest: index.digest, size: index.bytes.length, ...(Object.keys(annotations).length ? { annotations } : {}) };
  }
  await writeFile(join(dir, 'oci-layout'), canonicalJson({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), canonicalJson({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [...keep, top] }));
  return { digest: top.digest, blobPath: (digest) => `blobs/sha256/${hexOf(digest)}` };
}
