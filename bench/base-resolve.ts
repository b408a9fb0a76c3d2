/**
 * Bench: loading bookworm main amd64 (cold: empty cache, so download + signature + checksum + xz + parse;
 * warm: cached Packages, InRelease re-fetched and verified; offline: cache only) and resolving python3,
 * against apt measured in the same run on the same machine: `apt-get -s --no-install-recommends install python3`
 * with an empty dpkg status (a resolution from scratch, apt's binary cache warm) and
 * `apt-cache depends --recurse python3`.
 *
 * Run: `npx tsx bench/base-resolve.ts` (or `npm run build && node dist/bench/base-resolve.js`).
 * Env: WHITTLE_BENCH_RUNS (default 3; the median is reported), WHITTLE_BENCH_MIRROR (default: the machine's).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArchiveIndex } from '../src/base/apt/index-loader.js';
import { parsePackagesIndex } from '../src/base/apt/packages-index.js';
import { resolvePackages } from '../src/base/apt/resolve.js';
import { defaultMirror } from '../src/base/apt/sources.js';
import type { LoadIndexOptions } from '../src/base/apt/types.js';

const runs = Number(process.env.WHITTLE_BENCH_RUNS ?? 3);
const mirror = process.env.WHITTLE_BENCH_MIRROR ?? defaultMirror();

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}
async function medianOf(fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn))[0]);
  return median(times);
}
const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;

const cacheDir = mkdtempSync(join(tmpdir(), 'whittle-bench-apt-'));
try {
  const options: LoadIndexOptions = { sources: [{ url: mirror, suite: 'bookworm', components: ['main'] }], architecture: 'amd64', cacheDir };
  console.log(`base-resolve: bookworm main amd64 from ${mirror}, median of ${runs}`);

  const [cold, index] = await time(() => loadArchiveIndex(options));
  console.log(`  load, cold cache (download, gpgv, sha256, xz, parse) ${ms(cold)}  ${index.packages.length} packages`);
  console.log(`  load, warm cache (InRelease re-fetched and verified)  ${ms(await medianOf(() => loadArchiveIndex(options)))}`);
  console.log(`  load, warm cache, offline                          ${ms(await medianOf(() => loadArchiveIndex({ ...options, offline: true })))}`);
  const cached = readdirSync(join(cacheDir, 'indexes')).find((f) => f.endsWith('.Packages'))!;
  const text = readFileSync(join(cacheDir, 'indexes', cached), 'utf8');
  console.log(`    of which parsing the ${(text.length / 1e6).toFixed(0)} MB Packages text          ${ms(await medianOf(() => parsePackagesIndex(text, mirror, 'Packages')))}`);

  const fresh = await Promise.all(Array.from({ length: runs }, () => loadArchiveIndex({ ...options, offline: true })));
  const first: number[] = [];
  for (const idx of fresh) first.push((await time(() => resolvePackages(idx, { packages: ['python3'] })))[0]);
  const resolution = resolvePackages(index, { packages: ['python3'] });
  console.log(`  resolve python3, first on an index (builds lookups) ${ms(median(first))}  ${resolution.packages.length} packages`);
  console.log(`  resolve python3, again on the same index           ${ms(await medianOf(() => resolvePackages(index, { packages: ['python3'] })))}`);

  const status = join(cacheDir, 'empty-status');
  writeFileSync(status, '');
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    const aptGet = ['-s', '--no-install-recommends', '-o', `Dir::State::status=${status}`, '-o', 'Debug::NoLocking=1', 'install', 'python3'];
    const aptCount = execFileSync('apt-get', aptGet, { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('Inst ')).length;
    const aptGetMs = await medianOf(() => execFileSync('apt-get', aptGet, { stdio: 'ignore' }));
    console.log(`  reference: apt-get -s install python3 (empty status)  ${ms(aptGetMs)}  ${aptCount} packages (whittle leaves Essential out)`);
    const aptCache = ['depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', 'python3'];
    console.log(`  reference: apt-cache depends --recurse python3      ${ms(await medianOf(() => execFileSync('apt-cache', aptCache, { stdio: 'ignore' })))}`);
  } else {
    console.log('  reference: apt-get not installed here');
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
