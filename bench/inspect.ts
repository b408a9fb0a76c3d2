/**
 * Bench: `whittle inspect --format json` on a real image of over 1 GB (examples/e2e-images/bench-1gb, built
 * once by buildah and cached like the e2e images), against the floor measured in the same run: Node's own zlib
 * decompressing and sha256-hashing the same layer blobs (bench/inspect-floor.ts's measureFloor), which is work
 * any correct inspect must do at least once. Both run as child processes under /usr/bin/time -v, so wall time
 * (process start included) and peak RSS are measured the same way for both.
 *
 * Run: `npm run bench` (all benches) or `npm run build && node dist/bench/inspect.js`.
 * Env: WHITTLE_BENCH_RUNS (default 3) runs of each, the median is reported.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eImagesDir, ensureImage } from '../test/helpers/e2e-images.js';
import { cliPath } from '../test/helpers/paths.js';
import { measureFloor } from './inspect-floor.js';

interface OciLayer {
  digest: string;
  size: number;
  mediaType: string;
}

interface Measured {
  wallMs: number;
  /** User + system CPU time of the process (all threads): steadier than wall time when the machine is shared. */
  cpuMs: number;
  peakRssBytes: number;
  stdout: string;
}

const runs = Number(process.env.WHITTLE_BENCH_RUNS ?? 3);
const selfPath = fileURLToPath(import.meta.url);

async function ociLayers(ociDir: string): Promise<OciLayer[]> {
  const index = JSON.parse(await readFile(join(ociDir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(await readFile(blobPath(ociDir, index.manifests[0]!.digest), 'utf8')) as { layers: OciLayer[] };
  return manifest.layers;
}

function blobPath(ociDir: string, digest: string): string {
  return join(ociDir, 'blobs', ...digest.split(':'));
}

/** Runs `node ARGS` under /usr/bin/time -v: wall time and peak resident set size of the process. */
function measure(args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
      const exit = /Exit status: (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const system = /System time \(seconds\): ([\d.]+)/.exec(err);
      if (!rss || !wall || (code !== 0 && code !== 1) || (exit && exit[1] !== '0' && exit[1] !== '1')) {
        reject(new Error(`node ${args.join(' ')} failed (exit ${code}):\n${err.slice(-3000)}`));
        return;
      }
      const wallMs = ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000;
      const cpuMs = (Number(user?.[1] ?? 0) + Number(system?.[1] ?? 0)) * 1000;
      resolve({ wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs), peakRssBytes: Number(rss[1]) * 1024, stdout: Buffer.concat(out).toString() });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const MiB = 1024 * 1024;
const fmtMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time')) throw new Error('bench/inspect needs /usr/bin/time (Debian package "time")');
  const started = performance.now();
  const image = await ensureImage('bench-1gb', join(e2eImagesDir, 'bench-1gb'), 'oci', ['oci']);
  const layers = await ociLayers(image.ociDir);
  const compressed = layers.reduce((sum, l) => sum + l.size, 0);
  const prepareSeconds = (performance.now() - started) / 1000;

  const reference = `oci:${image.ociDir}:latest`;
  // Warm the page cache once so neither side pays for the first read from disk.
  await measureFloor(reference);

  const floorRuns: Measured[] = [];
  const whittleRuns: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    floorRuns.push(await measure([selfPath, '--floor', reference]));
    whittleRuns.push(await measure([cliPath, 'inspect', '--format', 'json', reference]));
  }
  const uncompressed = (JSON.parse(floorRuns[0]!.stdout) as { uncompressedBytes: number }).uncompressedBytes;
  const report = JSON.parse(whittleRuns[0]!.stdout) as { image: { sizeBytes: number; layerCount: number } };
  if (report.image.sizeBytes !== uncompressed || report.image.layerCount !== layers.length) {
    throw new Error(`whittle inspect disagrees with the floor: ${report.image.sizeBytes} bytes in ${report.image.layerCount} layers, floor ${uncompressed} in ${layers.length}`);
  }

  const floorMs = median(floorRuns.map((r) => r.wallMs));
  const whittleMs = median(whittleRuns.map((r) => r.wallMs));
  const floorCpu = median(floorRuns.map((r) => r.cpuMs));
  const whittleCpu = median(whittleRuns.map((r) => r.cpuMs));
  const floorRss = Math.max(...floorRuns.map((r) => r.peakRssBytes));
  const whittleRss = Math.max(...whittleRuns.map((r) => r.peakRssBytes));
  const throughput = (ms: number) => `${(uncompressed / MiB / (ms / 1000)).toFixed(0)} MiB/s`;

  const lines = [
    `bench/inspect: ${layers.length} layers, ${fmtMiB(uncompressed)} uncompressed, ${fmtMiB(compressed)} gzip (OCI layout; image ready in ${prepareSeconds.toFixed(1)} s)`,
    `  floor (bench/inspect-floor: decompress + sha256 of blob and tar, all layers at once, ${availableParallelism()} cores): ${floorMs} ms median of ${runs} (${throughput(floorMs)}), peak RSS ${fmtMiB(floorRss)}`,
    `  whittle inspect --format json: ${whittleMs} ms median of ${runs} (${throughput(whittleMs)}), peak RSS ${fmtMiB(whittleRss)}`,
    `  ratio whittle/floor: ${(whittleMs / floorMs).toFixed(2)}x time; peak RSS ${fmtMiB(whittleRss)} = ${((whittleRss / uncompressed) * 100).toFixed(1)}% of the uncompressed image`,
    `  cpu (user + system, median): floor ${floorCpu} ms, whittle ${whittleCpu} ms: ${(whittleCpu / floorCpu).toFixed(2)}x (steadier than wall time on a loaded machine)`,
    `  runs (ms): floor ${floorRuns.map((r) => r.wallMs).join(', ')}; whittle ${whittleRuns.map((r) => r.wallMs).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[2] === '--floor') {
  const result = await measureFloor(process.argv[3]!);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await main();
}
