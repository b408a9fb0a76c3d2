/**
 * The cold-start pull: what a fresh node downloads to start every workload given. Layers with the same digest
 * are pulled once (seeds/004: images that share a parent download it only once), so the figure is the sum over
 * distinct digests; next to it the sum with no sharing, and the images that share no layer with any other.
 */
import type { ImageFacts } from './image-facts.js';

export interface PullSummary {
  images: number;
  /** Compressed bytes over distinct layer digests. */
  sharedBytes: number;
  /** Compressed bytes if no layer were shared. */
  unsharedBytes: number;
  /** Images sharing no layer with any other: candidates for a common parent image. */
  isolated: string[];
}

export function coldStartPull(images: readonly ImageFacts[]): PullSummary {
  const sizes = new Map<string, number>();
  const owners = new Map<string, Set<string>>();
  let unsharedBytes = 0;
  for (const image of images) {
    for (const layer of image.layers) {
      unsharedBytes += layer.compressedSize;
      sizes.set(layer.digest, layer.compressedSize);
      const set = owners.get(layer.digest) ?? new Set<string>();
      set.add(image.name);
      owners.set(layer.digest, set);
    }
  }
  const sharedBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const isolated =
    images.length < 2 ? [] : images.filter((i) => i.layers.every((l) => owners.get(l.digest)!.size === 1)).map((i) => i.name);
  return { images: images.length, sharedBytes, unsharedBytes, isolated };
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatPull(s: PullSummary): string {
  const saved = s.unsharedBytes - s.sharedBytes;
  const lines = [
    `cold-start pull for ${s.images} image${s.images === 1 ? '' : 's'}: ${mb(s.sharedBytes)} compressed (${s.sharedBytes} bytes) with shared layers pulled once; ${mb(s.unsharedBytes)} (${s.unsharedBytes} bytes) without sharing; sharing saves ${mb(saved)}`,
  ];
  if (s.isolated.length) lines.push(`images sharing no layer with the others (would gain from a common parent image): ${s.isolated.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
