/**
 * Which bottom layers are the base image. Best evidence first: the user's `--base REF` (its diffIDs form a
 * prefix of ours), then the OCI base annotations with the history, then the history's time gap (a base is built
 * long before the layers on top of it).
 */
import type { BaseReport } from '../report/inspect/model.js';
import type { ImageMeta } from './context.js';
import { layerHistory } from './layers.js';

export interface BaseHint {
  reference: string;
  diffIds: string[];
}

const GAP_MS = 60 * 60 * 1000;

export function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Layers before the last gap of more than an hour between consecutive layer creation times. */
export function historyGap(image: ImageMeta): number {
  const hist = layerHistory(image.config.history, image.layers.length);
  let base = 0;
  for (let i = 1; i < hist.length; i++) {
    const a = Date.parse(hist[i - 1]?.created ?? '');
    const b = Date.parse(hist[i]?.created ?? '');
    if (Number.isFinite(a) && Number.isFinite(b) && b - a > GAP_MS) base = i;
  }
  return base;
}

export function analyzeBase(image: ImageMeta, sizes: { sizeBytes: number; compressedSizeBytes: number }[], hint?: BaseHint): BaseReport {
  const diffIds = image.layers.map((l) => l.diffId);
  let method: BaseReport['method'] = 'none';
  let reference: string | null = null;
  let count = 0;
  if (hint) {
    method = 'reference';
    reference = hint.reference;
    count = commonPrefix(diffIds, hint.diffIds);
  } else {
    const annotations = image.manifest.annotations ?? {};
    const named = annotations['org.opencontainers.image.base.name'];
    const gap = historyGap(image);
    if (named) {
      method = 'annotation';
      reference = named;
      count = gap;
    } else if (gap > 0) {
      method = 'history';
      count = gap;
    }
  }
  const below = sizes.slice(0, count);
  return {
    method,
    reference,
    layerCount: count,
    sizeBytes: below.reduce((s, l) => s + l.sizeBytes, 0),
    compressedSizeBytes: below.reduce((s, l) => s + l.compressedSizeBytes, 0),
  };
}
