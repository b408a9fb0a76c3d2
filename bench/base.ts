/**
 * Bench: `whittle base --preset python3` cold (empty cache: index and .debs downloaded) and warm (cached), and the
 * image it makes against the usual way to the same packages, measured in the same run: the debootstrap
 * --variant=minbase bookworm of the e2e tests (`localhost/whittle-test/debian:bookworm`) plus
 * `apt-get install -y --no-install-recommends python3` (apt lists removed afterwards, as a good Dockerfile does),
 * committed by buildah. Both images are measured by whittle inspect (uncompressed and gzip-compressed bytes).
 *
 * Run: `npx tsx bench/base.ts` (or `npm run build && node dist/bench/base.js`). Needs buildah, root and the network.
 * Env: WHITTLE_BENCH_RUNS (warm runs, default 3; the median is reported).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBase, type BuildBaseResult } from '../src/base/build.js';
import { inspectWritten } from '../src/base/sbom.js';
import { e2eStorage, ensureBaseImage } from '../test/helpers/e2e-images.js';

const runs = Number(process.env.WHITTLE_BENCH_RUNS ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number): string => `${(n / 1e6).toFixed(1).padStart(6)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1).padStart(6)} s`;

function buildah(args: string[]): string {
  const r = spawnSync('buildah', [...e2eStorage.buildahArgs, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`buildah ${args[0]} failed: ${r.stderr}`);
  return r.stdout.trim();
}

async function timed(fn: () => Promise<BuildBaseResult>): Promise<[number, BuildBaseResult]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

const work = mkdtempSync(join(tmpdir(), 'whittle-bench-base-'));
try {
  const cacheDir = join(work, 'cache');
  const build = (i: number, lock?: string) =>
    buildBase({ preset: 'python3', output: `oci:${join(work, `img-${i}`)}:latest`, cacheDir, sourceDateEpoch: 1_700_000_000, ...(lock ? { lock } : {}) });
  console.log(`base: whittle base --preset python3 (amd64), ${runs} warm runs, median; load average ${loadavg()[0]!.toFixed(1)}`);
  const [cold, result] = await timed(() => build(0));
  console.log(`  cold (empty cache: index + ${result.packages.length} .debs downloaded)  ${s(cold)}`);
  const warm: number[] = [];
  for (let i = 1; i <= runs; i++) warm.push((await timed(() => build(i)))[0]);
  console.log(`  warm (cached .debs, index re-validated, resolved)      ${s(median(warm))}`);
  const lock = join(work, 'whittle-base.lock');
  await build(90, lock);
  const locked: number[] = [];
  for (let i = 1; i <= runs; i++) locked.push((await timed(() => build(100 + i, lock)))[0]);
  console.log(`  warm from the lock file (no index read)                ${s(median(locked))}`);

  const ours = await inspectWritten(`oci:${join(work, 'img-0')}:latest`);

  // The reference: debootstrap minbase + apt-get install python3, in the same run.
  const base = await ensureBaseImage();
  const started = performance.now();
  const ctr = buildah(['from', '--pull=never', base]);
  let refReport;
  try {
    buildah(['run', '--isolation', 'chroot', ctr, '--', 'sh', '-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*']);
    const refDir = join(work, 'reference');
    buildah(['commit', '-q', '--format', 'oci', '--disable-compression=false', ctr, `oci:${refDir}:latest`]);
    refReport = await inspectWritten(`oci:${refDir}:latest`);
  } finally {
    buildah(['rm', ctr]);
  }
  const refSeconds = performance.now() - started;
  const baseOnly = refReport.layers[0]!;
  console.log(`  reference: minbase + apt-get install python3           ${s(refSeconds)} (base image cached)`);
  console.log('  size                                   uncompressed   compressed   packages');
  console.log(`  whittle base --preset python3           ${mb(ours.image.sizeBytes)}    ${mb(ours.image.compressedSizeBytes)}   ${ours.packages.length}`);
  console.log(`  debootstrap minbase + python3           ${mb(refReport.image.sizeBytes)}    ${mb(refReport.image.compressedSizeBytes)}   ${refReport.packages.length}`);
  console.log(`    of which the minbase layer            ${mb(baseOnly.sizeBytes)}    ${mb(baseOnly.compressedSizeBytes)}`);
  console.log(`  ratio (whittle / reference)             ${(ours.image.sizeBytes / refReport.image.sizeBytes).toFixed(2).padStart(9)}    ${(ours.image.compressedSizeBytes / refReport.image.compressedSizeBytes).toFixed(2).padStart(9)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
