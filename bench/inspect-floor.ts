/**
 * The floor for `whittle inspect`: the least work any correct inspector must do, which is reading every layer
 * blob once, decompressing it (Node's own zlib for gzip; for zstd the same decoder whittle uses, since Node 20's
 * zlib has none: the zstd program when installed, else fzstd) and sha256-hashing both the blob and the tar. Layers run concurrently (zlib works on
 * libuv's thread pool). Exported for the bench harness; runnable on its own:
 *
 *   node dist/bench/inspect-floor.js IMAGE             the floor, as JSON
 *   node dist/bench/inspect-floor.js IMAGE --compare   floor vs whittle's pass in-process and on worker threads
 *   node dist/bench/inspect-floor.js --synthetic MB    builds a synthetic OCI image of about MB megabytes first
 *
 * Each measurement runs in a fresh child process so its peak RSS (getrusage maxrss) is its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createDecompressor, zstdDecoderName } from '../src/analyze/pass/decompress.js';
import { openImage } from '../src/image/open.js';
import type { Image } from '../src/image/types.js';

export interface FloorResult {
  layers: number;
  compressedBytes: number;
  uncompressedBytes: number;
  wallMs: number;
  /** CPU time of the whole process so far (user + system, all threads): steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Peak RSS of this process so far (meaningful in a fresh process). */
  peakRssBytes: number;
}

/** Decompresses and sha256-hashes every layer of an open image (blob and tar), all layers at once. */
export async function floorOf(image: Image): Promise<FloorResult> {
  const started = performance.now();
  let compressed = 0;
  let uncompressed = 0;
  await Promise.all(
    image.layers.map(async (layer) => {
      const blobHash = createHash('sha256');
      const tarHash = createHash('sha256');
      const source = await layer.open();
      source.on('data', (c: Buffer) => {
        blobHash.update(c);
        compressed += c.length;
      });
      await pipeline(
        source,
        createDecompressor(layer.compression),
        new Writable({
          write(chunk: Buffer, _e, cb) {
            tarHash.update(chunk);
            uncompressed += chunk.length;
            cb();
          },
        }),
      );
      blobHash.digest();
      tarHash.digest();
    }),
  );
  return {
    layers: image.layers.length,
    compressedBytes: compressed,
    uncompressedBytes: uncompressed,
    wallMs: Math.round(performance.now() - started),
    cpuMs: processCpuMs(),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

/** The floor of an image given by reference (any source whittle reads). */
export async function measureFloor(reference: string): Promise<FloorResult> {
  const image = await openImage(reference);
  try {
    return await floorOf(image);
  } finally {
    await image.close();
  }
}

/** whittle's own pass and analysis in this process, with `workers` threads (0: in-process). */
async function measureWhittle(reference: string, workers: number): Promise<FloorResult> {
  const { inspectImage } = await import('../src/analyze/inspect.js');
  const started = performance.now();
  const image = await openImage(reference);
  try {
    const report = await inspectImage(image, { pass: { workers } });
    JSON.stringify(report);
    return {
      layers: report.image.layerCount,
      compressedBytes: report.image.compressedSizeBytes,
      uncompressedBytes: report.image.sizeBytes,
      wallMs: Math.round(performance.now() - started),
      cpuMs: processCpuMs(),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await image.close();
  }
}

const selfPath = fileURLToPath(import.meta.url);

/** Runs one measurement in a fresh child process (same Node, same loader flags). */
function inChild(args: string[]): FloorResult {
  const r = spawnSync(process.execPath, [...process.execArgv, selfPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as FloorResult;
}

/** A synthetic OCI layout: `layers` layers of mixed text-like and random content, about `mb` MB in all. */
async function synthetic(mb: number, layers = 6): Promise<string> {
  const { writeOciLayout } = await import('../test/helpers/image-writer.js');
  const { randomBytes } = await import('node:crypto');
  const dir = join(mkdtempSync(join(tmpdir(), 'whittle-bench-')), 'image');
  const perLayer = Math.floor((mb * 1e6) / layers);
  const text = Buffer.from('lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(2000));
  const spec = [];
  for (let l = 0; l < layers; l++) {
    const entries = [];
    let bytes = 0;
    for (let i = 0; bytes < perLayer; i++) {
      const size = 1000 + ((i * 7919) % 200_000);
      const content = i % 3 === 0 ? randomBytes(size) : Buffer.concat([text, text, text, text]).subarray(0, size);
      entries.push({ path: `layer${l}/dir${i % 50}/file${i}.bin`, content });
      bytes += size;
    }
    spec.push(entries);
  }
  await writeOciLayout(dir, { layers: spec });
  return dir;
}

const MiB = 1024 * 1024;

async function cli(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const [, kind, ref, workers] = argv;
    const result = kind === 'floor' ? await measureFloor(ref!) : await measureWhittle(ref!, Number(workers));
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  let ref = argv.find((a) => !a.startsWith('--'));
  const syntheticAt = argv.indexOf('--synthetic');
  if (syntheticAt >= 0) ref = await synthetic(Number(argv[syntheticAt + 1] ?? 300));
  if (!ref) throw new Error('usage: inspect-floor.js IMAGE [--compare] | --synthetic MB [--compare]');
  // Warm the page cache so no run pays for the first read from disk.
  await measureFloor(ref);
  const floor = inChild(['--child', 'floor', ref]);
  if (!argv.includes('--compare') && syntheticAt < 0) {
    process.stdout.write(JSON.stringify(floor) + '\n');
    return;
  }
  const cores = availableParallelism();
  const inProcess = inChild(['--child', 'whittle', ref, '0']);
  const onWorkers = inChild(['--child', 'whittle', ref, String(cores)]);
  const row = (name: string, r: FloorResult) =>
    `  ${name.padEnd(34)} ${String(r.wallMs).padStart(6)} ms  ${(r.uncompressedBytes / MiB / (r.wallMs / 1000)).toFixed(0).padStart(5)} MiB/s  peak RSS ${(r.peakRssBytes / MiB).toFixed(0).padStart(5)} MiB  (${(r.wallMs / floor.wallMs).toFixed(2)}x time of the floor)  cpu ${String(r.cpuMs).padStart(6)} ms (${(r.cpuMs / floor.cpuMs).toFixed(2)}x)`;
  process.stdout.write(
    [
      `inspect-floor: ${floor.layers} layers, ${(floor.uncompressedBytes / MiB).toFixed(1)} MiB uncompressed, ${(floor.compressedBytes / MiB).toFixed(1)} MiB stored, ${cores} cores, zstd decoder ${zstdDecoderName()}`,
      row('floor (decompress + sha256)', floor),
      row('whittle pass+analysis, in-process', inProcess),
      row(`whittle pass+analysis, ${cores} workers`, onWorkers),
    ].join('\n') + '\n',
  );
}

if (process.argv[1] === selfPath) {
  cli(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
