/**
 * The streaming pass over every layer of an image: each layer read once, in parallel across layers (worker
 * threads, pool size = cores), every digest verified (blob sha256 against the manifest, tar sha256 against the
 * config's diffID). The result is what every analyzer works from.
 */
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import type { Image, Layer } from '../../image/types.js';
import { ScanPool } from './pool.js';
import { describeLayer, scanLayer } from './scan-layer.js';
import type { LayerInfo, LayerScan, ScanLimits } from './types.js';
import { defaultLimits } from './types.js';

export interface PassOptions {
  /** Worker threads; 0 scans in this thread. Default: cores, or 0 for images too small to pay a worker's start. */
  workers?: number;
  limits?: Partial<ScanLimits>;
  /** Called as compressed bytes are read: (read so far, total). */
  onProgress?: (read: number, total: number) => void;
}

export interface PassResult {
  layers: LayerScan[];
}

/** Below this many compressed bytes, starting workers costs more than it saves (see bench/inspect-floor.ts). */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

export function defaultWorkers(layers: readonly Pick<Layer, 'compressedSize'>[]): number {
  const total = layers.reduce((s, l) => s + l.compressedSize, 0);
  if (layers.length < 2 || total < WORKER_THRESHOLD_BYTES) return 0;
  return Math.min(availableParallelism(), layers.length);
}

export async function runPass(image: Pick<Image, 'layers'>, options: PassOptions = {}): Promise<PassResult> {
  const limits: ScanLimits = { ...defaultLimits, ...options.limits };
  const workers = options.workers ?? defaultWorkers(image.layers);
  const total = image.layers.reduce((s, l) => s + l.compressedSize, 0);
  let read = 0;
  const onBytes = options.onProgress
    ? (n: number) => {
        read += n;
        options.onProgress!(read, total);
      }
    : undefined;
  const infoOf = (layer: Layer): LayerInfo => ({
    index: layer.index,
    digest: layer.digest,
    compression: layer.compression,
    compressedSize: layer.compressedSize,
  });

  let scans: LayerScan[];
  if (workers <= 0) {
    scans = [];
    // In-process: one layer after another (zlib still decompresses off the main thread).
    for (const layer of image.layers) scans.push(verify(layer, await scanInProcess(layer, infoOf(layer), limits, onBytes)));
  } else {
    const pool = new ScanPool(workers);
    try {
      scans = await Promise.all(
        image.layers.map(async (layer) => verify(layer, await pool.scan(() => layer.open(), infoOf(layer), limits, onBytes))),
      );
    } finally {
      await pool.close();
    }
  }
  return { layers: scans };
}

async function scanInProcess(layer: Layer, info: LayerInfo, limits: ScanLimits, onBytes?: (n: number) => void): Promise<LayerScan> {
  const stream: Readable = await layer.open();
  if (onBytes) stream.on('data', (c: Buffer) => onBytes(c.length));
  return scanLayer(stream, info, limits);
}

function verify(layer: Layer, scan: LayerScan): LayerScan {
  const where = describeLayer(layer);
  if (scan.digest !== layer.digest) {
    throw new InputError(`${where}: digest mismatch: the blob hashes to ${scan.digest}`);
  }
  if (scan.diffId !== layer.diffId) {
    throw new InputError(`${where}: diffID mismatch: the config says ${layer.diffId}, the uncompressed tar hashes to ${scan.diffId}`);
  }
  return scan;
}
