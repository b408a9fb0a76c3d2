/**
 * An OCI image layout in a folder: oci-layout, blobs/sha256/<hex>, and index.json naming the image by tag
 * (org.opencontainers.image.ref.name). Several images (one per platform) go behind an OCI image index blob.
 */
import { constants } from 'node:fs';
import { copyFile, link, mkdir, writeFile } from 'node:fs/promises';
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
export async function fillLayout(dir: string, images: BuiltImage[], annotations: Record<string, string> = {}): Promise<LayoutResult> {
  checkImages(images);
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const written = new Set<string>();
  const putBytes = async (digest: string, bytes: Buffer) => {
    if (written.has(digest)) return;
    written.add(digest);
    await writeFile(join(blobs, hexOf(digest)), bytes);
  };
  for (const img of images) {
    for (const layer of img.layers) {
      if (written.has(layer.digest)) continue;
      written.add(layer.digest);
      const dest = join(blobs, hexOf(layer.digest));
      await link(layer.file, dest).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') throw err;
        await copyFile(layer.file, dest, constants.COPYFILE_FICLONE);
      });
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
  await writeFile(join(dir, 'index.json'), canonicalJson({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [top] }));
  return { digest: top.digest, blobPath: (digest) => `blobs/sha256/${hexOf(digest)}` };
}
