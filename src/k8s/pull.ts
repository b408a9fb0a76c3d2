/**
 * The cold-start pull: what a fresh node downloads to start every workload given. Layers with the same digest
 * are pulled once (seeds/004: images that share a parent download it only once), so the figure is the sum over
 * distinct digests; next to it the sum with no sharing, the layers shared and by whom, and the images that
 * share no layer with any other (they would gain from a common parent image).
 *
 * Plain data: `--format json` prints it under `pull` and SARIF under the run's `properties.pull`
 * (schema/whittle-k8s.schema.json documents the shape). Only layers count; config blobs are a few KiB.
 */
import type { ImageFacts } from './image-facts.js';

export interface PullImage {
  /** NAME of `--image NAME=SOURCE` (or of the config's `k8s.images`). */
  name: string;
  source: string;
  /** Compressed bytes of this image's distinct layers: what pulling it alone costs. */
  bytes: number;
  /** Distinct layers. */
  layers: number;
  /** Of `bytes`, the bytes in layers another given image also has. */
  sharedBytes: number;
  /** Containers in the checked manifests that run this image. */
  containers: number;
}

export interface SharedLayer {
  digest: string;
  /** Compressed size. */
  bytes: number;
  /** Names of the images that have this layer, in the order given. */
  images: string[];
}

export interface PullSummary {
  /** Compressed bytes over distinct layer digests: a fresh node's download, shared layers once. */
  totalBytes: number;
  /** Compressed bytes if every image were pulled on its own (no layer shared between images). */
  withoutSharingBytes: number;
  /** withoutSharingBytes - totalBytes. */
  savedBytes: number;
  images: PullImage[];
  /** Layers that two or more images have, largest first. */
  sharedLayers: SharedLayer[];
  /** With two or more images: those sharing no layer with any other, which would gain from a common parent. */
  commonParentCandidates: string[];
}

/** `containersOf(name)`: how many containers run the image; 0 when unknown. */
export function coldStartPull(images: readonly ImageFacts[], containersOf: (name: string) => number = () => 0): PullSummary {
  const sizes = new Map<string, number>();
  const owners = new Map<string, string[]>();
  // A digest listed twice in one image is still one download: each image's layers are taken distinct.
  const distinct = images.map((image) => new Map(image.layers.map((l) => [l.digest, l.compressedSize])));
  images.forEach((image, i) => {
    for (const [digest, size] of distinct[i]!) {
      sizes.set(digest, size);
      const list = owners.get(digest) ?? [];
      list.push(image.name);
      owners.set(digest, list);
    }
  });
  const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);
  const perImage: PullImage[] = images.map((image, i) => {
    const layers = distinct[i]!;
    return {
      name: image.name,
      source: image.source,
      bytes: sum(layers.values()),
      layers: layers.size,
      sharedBytes: sum([...layers].filter(([d]) => owners.get(d)!.length > 1).map(([, s]) => s)),
      containers: containersOf(image.name),
    };
  });
  const totalBytes = sum(sizes.values());
  const withoutSharingBytes = sum(perImage.map((p) => p.bytes));
  const sharedLayers = [...owners]
    .filter(([, names]) => names.length > 1)
    .map(([digest, names]) => ({ digest, bytes: sizes.get(digest)!, images: names }))
    .sort((a, b) => b.bytes - a.bytes || a.digest.localeCompare(b.digest));
  const sharesNothing = (i: number): boolean => distinct[i]!.size > 0 && [...distinct[i]!.keys()].every((d) => owners.get(d)!.length === 1);
  const commonParentCandidates = images.length < 2 ? [] : perImage.filter((_, i) => sharesNothing(i)).map((p) => p.name);
  return { totalBytes, withoutSharingBytes, savedBytes: withoutSharingBytes - totalBytes, images: perImage, sharedLayers, commonParentCandidates };
}

function human(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatPull(s: PullSummary): string {
  const n = s.images.length;
  const lines = [
    `cold-start pull for ${n} image${n === 1 ? '' : 's'}: ${human(s.totalBytes)} compressed (${s.totalBytes} bytes) with shared layers pulled once; ${human(s.withoutSharingBytes)} (${s.withoutSharingBytes} bytes) without sharing; sharing saves ${human(s.savedBytes)}`,
  ];
  for (const image of s.images) {
    const runs = image.containers === 0 ? '; no container in the manifests runs it' : '';
    lines.push(`  ${image.name}: ${human(image.bytes)} in ${image.layers} layer${image.layers === 1 ? '' : 's'}, ${human(image.sharedBytes)} shared with other images${runs}`);
  }
  if (s.commonParentCandidates.length) {
    lines.push(`images sharing no layer with the others (would gain from a common parent image): ${s.commonParentCandidates.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
