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

/**
 * Layers scanned at once in-process. More than libuv's 4 pool threads: a lane waiting on the main thread (hashing,
 * parsing) leaves its zlib work queued rather than idle. bench/inspect (6 layers, 2 cores): 4 -> 8 lanes, median
 * wall 7.90 -> 7.55 s over 5 alternating runs each, CPU and peak RSS unchanged. Bounded so a 100-layer image does
 * not open 100 blobs at once.
 */
const IN_PROCESS_LANES = 8;

/** Below this many compressed bytes, starting workers costs more than it saves (see bench/inspect-floor.ts). */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

/**
 * Worker threads pay off when there are cores to spare beyond the main thread (which reads the blobs and
 * forwards them): on 2 cores, bench/inspect-floor.ts measured the worker pool no faster than in-process
 * lanes, at twice the peak RSS, so small machines and small images stay in-process.
 */
export function defaultWorkers(layers: readonly Pick<Layer, 'compressedSize'>[], cores: number = availableParallelism()): number {
  const total = layers.reduce((s, l) => s + l.compressedSize, 0);
  if (cores < 3 || layers.length < 2 || total < WORKER_THRESHOLD_BYTES) return 0;
  return Math.min(cores, layers.length);
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
    // In-process, several layers at once: zlib and file reads run on libuv's thread pool, so overlapping
    // layers hides their latency (one layer at a time left the process idle half of the time).
    scans = new Array<LayerScan>(image.layers.length);
    const queue = [...image.layers];
    const lanes = Array.from({ length: Math.min(IN_PROCESS_LANES, queue.length) }, async () => {
      for (let layer = queue.shift(); layer; layer = queue.shift()) {
        scans[layer.index] = verify(layer, await scanInProcess(layer, infoOf(layer), limits, onBytes));
      }
    });
    await Promise.all(lanes);
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
