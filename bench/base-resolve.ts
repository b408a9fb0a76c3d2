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
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArchiveIndex } from '../src/base/apt/index-loader.js';
import { parsePackagesIndex } from '../src/base/apt/packages-index.js';
import { resolvePackages } from '../src/base/apt/resolve.js';
import { defaultMirror } from '../src/base/apt/sources.js';
import type { LoadIndexOptions } from '../src/base/apt/types.js';

const runs = Number(process.env.WHITTLE_BENCH_RUNS ?? 3);
const mirror = process.env.WHITTLE_BENCH_MIRROR ?? defaultMirror();

interface Measure {
  wall: number;
  /** CPU ms of this process (user + system); child programs (gpgv, xz) not included. */
  cpu: number;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time<T>(fn: () => Promise<T> | T): Promise<[Measure, T]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [{ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }, value];
}
async function medianOf(fn: () => Promise<unknown> | unknown): Promise<Measure> {
  const all: Measure[] = [];
  for (let i = 0; i < runs; i++) all.push((await time(fn))[0]);
  return { wall: median(all.map((m) => m.wall)), cpu: median(all.map((m) => m.cpu)) };
}
/** A program's wall and CPU time (user + system, its children included) from /usr/bin/time. */
function program(command: string, args: string[]): Measure {
  const all: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S', command, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const [wall, user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
    all.push({ wall: wall * 1000, cpu: (user + sys) * 1000 });
  }
  return { wall: median(all.map((m) => m.wall)), cpu: median(all.map((m) => m.cpu)) };
}
const ms = (m: Measure): string => `${m.wall.toFixed(0).padStart(6)} ms wall ${m.cpu.toFixed(0).padStart(6)} ms CPU`;

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
  const first: Measure[] = [];
  for (const idx of fresh) first.push((await time(() => resolvePackages(idx, { packages: ['python3'] })))[0]);
  const resolution = resolvePackages(index, { packages: ['python3'] });
  console.log(`  resolve python3, first on an index (builds lookups) ${ms({ wall: median(first.map((m) => m.wall)), cpu: median(first.map((m) => m.cpu)) })}  ${resolution.packages.length} packages`);
  console.log(`  resolve python3, again on the same index           ${ms(await medianOf(() => resolvePackages(index, { packages: ['python3'] })))}`);

  const status = join(cacheDir, 'empty-status');
  writeFileSync(status, '');
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0 && existsSync('/usr/bin/time')) {
    const aptGet = ['-s', '--no-install-recommends', '-o', `Dir::State::status=${status}`, '-o', 'Debug::NoLocking=1', 'install', 'python3'];
    const aptCount = execFileSync('apt-get', aptGet, { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('Inst ')).length;
    console.log(`  reference: apt-get -s install python3 (empty status)  ${ms(program('apt-get', aptGet))}  ${aptCount} packages (whittle leaves Essential out)`);
    const aptCache = ['depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', 'python3'];
    console.log(`  reference: apt-cache depends --recurse python3      ${ms(program('apt-cache', aptCache))}`);
  } else {
    console.log('  reference: apt-get or /usr/bin/time not installed here');
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
