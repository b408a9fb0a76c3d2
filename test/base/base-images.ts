/**
 * Presets built by `whittle base` for the end-to-end tests, once per set of inputs and shared by every test
 * file: the .deb cache lives in .cache/base/ (downloads happen once), each preset's OCI layout and lock file in
 * .cache/base/images/<preset>-<key>/, keyed by a hash of whittle's composer and writer sources and the day
 * (a new archive snapshot at most daily). Guarded by proper-lockfile as test/helpers/e2e-images.ts does.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { buildBase, type BuildBaseResult } from '../../src/base/build.js';
import { e2eStorage } from '../helpers/e2e-images.js';
import { repoRoot } from '../helpers/paths.js';

export const baseCacheDir = process.env.WHITTLE_BASE_CACHE ?? join(repoRoot, '.cache', 'base');
/** Every image the tests build shares this timestamp, so digests compare across builds. */
export const TEST_EPOCH = 1_700_000_000;

export interface BuiltPreset {
  name: string;
  dir: string;
  /** oci:DIR:latest */
  target: string;
  lockFile: string;
  result: BuildBaseResult;
}

async function sourcesKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of ['src/base', 'src/base/apt', 'src/image/write']) {
    for (const name of (await readdir(join(repoRoot, folder))).filter((n) => n.endsWith('.ts')).sort()) {
      hash.update(name).update(await readFile(join(repoRoot, folder, name)));
    }
  }
  hash.update(new Date().toISOString().slice(0, 10));
  return hash.digest('hex').slice(0, 16);
}

async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(baseCacheDir, 'locks');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.lock`);
  if (!existsSync(file)) await writeFile(file, '');
  const release = await lockfile.lock(file, { retries: { retries: 600, minTimeout: 1000, maxTimeout: 2000 }, stale: 15 * 60_000 });
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Builds (once per key) the preset as an OCI layout tagged `latest`, with its lock file beside it. */
export async function ensurePreset(name: string, add: string[] = []): Promise<BuiltPreset> {
  const key = await sourcesKey();
  const id = [name, ...add].join('+');
  const dir = join(baseCacheDir, 'images', `${id}-${key}`);
  const layout = join(dir, 'oci');
  const lockFile = join(dir, 'whittle-base.lock');
  const resultFile = join(dir, 'result.json');
  if (!existsSync(resultFile)) {
    await withLock(`preset-${id}`, async () => {
      if (existsSync(resultFile)) return;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      process.stderr.write(`[base-images] whittle base --preset ${name}${add.map((a) => ` --add ${a}`).join('')}\n`);
      const result = await buildBase({ preset: name, add, output: `oci:${layout}:latest`, lock: lockFile, cacheDir: baseCacheDir, sourceDateEpoch: TEST_EPOCH });
      await writeFile(`${resultFile}.tmp`, JSON.stringify(result));
      await rename(`${resultFile}.tmp`, resultFile);
      // Older keys of this preset are dead weight.
      for (const old of await readdir(join(baseCacheDir, 'images'))) {
        if (old !== `${id}-${key}` && new RegExp(`^${id.replace(/[+.]/g, '\\$&')}-[0-9a-f]{16}$`).test(old)) await rm(join(baseCacheDir, 'images', old), { recursive: true, force: true });
      }
    });
  }
  const result = JSON.parse(await readFile(resultFile, 'utf8')) as BuildBaseResult;
  return { name, dir, target: `oci:${layout}:latest`, lockFile, result };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runProgram(program: string, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export async function buildah(args: string[]): Promise<RunResult> {
  return runProgram('buildah', [...e2eStorage.buildahArgs, ...args]);
}

let containers = 0;

/** A working container from an OCI layout; removed by the returned function. */
export async function containerFrom(target: string): Promise<{ name: string; remove: () => Promise<void> }> {
  // buildah derives an image name from the layout's path, and `.cache` is not valid in one: go through a plain symlink.
  const id = `whittle-base-${process.pid}-${++containers}`;
  const m = /^oci:(.*):([^:/]+)$/.exec(target);
  if (!m) throw new Error(`not an oci:DIR:TAG target: ${target}`);
  const link = join(tmpdir(), id);
  await rm(link, { force: true });
  await symlink(m[1]!, link);
  const r = await buildah(['from', '--pull=never', '--name', id, `oci:${link}:${m[2]}`]);
  await rm(link, { force: true });
  if (r.code !== 0) throw new Error(`buildah from ${target} failed: ${r.stderr}`);
  const name = r.stdout.trim().split('\n').at(-1)!;
  return { name, remove: async () => void (await buildah(['rm', name])) };
}

export async function runIn(container: string, command: string[]): Promise<RunResult> {
  return buildah(['run', '--isolation', 'chroot', container, '--', ...command]);
}
