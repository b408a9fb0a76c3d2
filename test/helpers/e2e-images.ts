/**
 * Real container images for the end-to-end tests and benches, built once and cached.
 *
 * node --test runs each test file in its own process, so the cache lives on disk (.cache/e2e/, gitignored),
 * guarded by a cross-process lock (proper-lockfile), and keyed by a hash of the Dockerfiles and the build
 * scripts: changing either rebuilds, nothing else does. Building takes minutes the first time (debootstrap
 * of a Debian bookworm minbase, then `buildah bud --layers`), and milliseconds afterwards.
 *
 * Each image is exported three ways (docker-archive, OCI layout with gzip layers, OCI layout with zstd
 * layers); with `registry: true` it is also pushed to a real registry on 127.0.0.1 started for the calling
 * process (a few seconds: test files run in separate processes, and a registry per process is simplest).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import lockfile from 'proper-lockfile';
import { defaultStorageDriver } from '../../src/engine/storage.js';
import { repoRoot } from './paths.js';
import { startRegistry, type RunningRegistry } from './registry.js';

export const e2eCacheDir = process.env.WHITTLE_E2E_CACHE ?? join(repoRoot, '.cache', 'e2e');
export const e2eImagesDir = join(repoRoot, 'examples', 'e2e-images');
const scriptsDir = join(repoRoot, 'scripts', 'e2e');

/** The buildah/skopeo storage the e2e scripts use (scripts/e2e/storage.sh has the same defaults). */
const e2eDriver = process.env.WHITTLE_E2E_DRIVER ?? defaultStorageDriver();
/** vfs keeps the historical folder names; another driver gets folders of its own (a root serves one driver only). */
const e2eSuffix = e2eDriver === 'vfs' ? '' : `-${e2eDriver}`;
/** A buildah storage (driver, root, runroot) as buildah arguments, `whittle bench` flags and skopeo references. */
export interface BuildahStorage {
  driver: string;
  root: string;
  runroot: string;
  /** Arguments that make any buildah command use this storage. */
  readonly buildahArgs: string[];
  /** The same storage as `whittle bench` flags. */
  readonly benchFlags: string[];
  /** A skopeo/containers-image reference to an image in this storage. */
  ref(name: string): string;
}

export function buildahStorage(driver: string, root: string, runroot: string): BuildahStorage {
  return {
    driver,
    root,
    runroot,
    get buildahArgs(): string[] {
      return ['--storage-driver', driver, '--root', root, '--runroot', runroot];
    },
    get benchFlags(): string[] {
      return ['--storage', root, '--runroot', runroot, '--storage-driver', driver];
    },
    ref(name: string): string {
      return `containers-storage:[${driver}@${root}+${runroot}]${name}`;
    },
  };
}

/** overlay where the kernel has it (a layer costs its own bytes, builds copy nothing), else vfs. */
export const e2eStorage = buildahStorage(
  e2eDriver,
  process.env.WHITTLE_E2E_STORAGE ?? `/var/tmp/whittle-e2e/storage${e2eSuffix}`,
  process.env.WHITTLE_E2E_RUNROOT ?? `/var/tmp/whittle-e2e/runroot${e2eSuffix}`,
);

export const baseImageName = 'localhost/whittle-test/debian:bookworm';

export interface E2EImage {
  name: string;
  /** Name of the image in the e2e buildah storage (see e2eStorage). */
  tag: string;
  /** Folder holding this build's outputs. */
  dir: string;
  /** docker save format archive; its layers are uncompressed tars. */
  dockerArchive: string;
  /** OCI image layout (gzip layers), one manifest tagged `latest`. */
  ociDir: string;
  /** OCI image layout of the same image with zstd layers, tagged `latest`. */
  ociZstdDir: string;
  /** `dpkg-query -W` output run inside the image by buildah; undefined when the image has no dpkg. */
  dpkgQuery?: string;
  /** `127.0.0.1:PORT/whittle-test/NAME:KEY`, when a registry was asked for. */
  registryRef?: string;
}

export interface E2EImages {
  naive: E2EImage;
  slim: E2EImage;
  noshell: E2EImage;
}

/** The e2e images and the manifest format buildah writes for each (naive imitates `docker build`). */
const e2eImageFormats: Record<keyof E2EImages, 'docker' | 'oci'> = { naive: 'docker', slim: 'oci', noshell: 'oci' };

/**
 * Builds (once, cached) and returns the three e2e images. With `registry: true`, also pushes them to a
 * docker-registry started for this process (stopped when the process exits, or by `stopE2ERegistry()`),
 * and fills in `registryRef`.
 */
export async function ensureE2EImages(options: { registry?: boolean } = {}): Promise<E2EImages> {
  const names = Object.keys(e2eImageFormats) as (keyof E2EImages)[];
  const images = {} as E2EImages;
  for (const name of names) images[name] = await ensureImage(name, join(e2eImagesDir, name), e2eImageFormats[name]);
  if (options.registry) {
    const { host } = await startE2ERegistry(Object.values(images));
    for (const image of Object.values(images)) image.registryRef = `${host}/${registryRepo(image)}`;
  }
  return images;
}

export type E2EExport = 'docker-archive' | 'oci' | 'oci-zstd';
const allExports: E2EExport[] = ['docker-archive', 'oci', 'oci-zstd'];

/**
 * Builds (once, cached) the image whose Dockerfile is `contextDir/Dockerfile`, FROM the e2e Debian base, and
 * exports it as asked (all three by default; only the exported paths of the result exist).
 */
export async function ensureImage(
  name: string,
  contextDir: string,
  format: 'docker' | 'oci' = 'oci',
  exports: E2EExport[] = allExports,
): Promise<E2EImage> {
  const exportList = allExports.filter((e) => exports.includes(e)).join(',');
  const key = await imageKey(contextDir, `${format}:${exportList}`);
  const dir = join(e2eCacheDir, 'images', `${name}-${key}`);
  if (!existsSync(dir)) {
    await withLock(`image-${name}`, async () => {
      if (existsSync(dir)) return;
      await ensureBaseImage();
      log(`building e2e image ${name} (${relative(repoRoot, contextDir)})`);
      await mkdir(join(e2eCacheDir, 'images'), { recursive: true });
      await run('bash', [join(scriptsDir, 'build-image.sh'), name, contextDir, dir, format, exportList]);
      await pruneOlder(join(e2eCacheDir, 'images'), `${name}-`, `${name}-${key}`);
    });
  }
  return describe(name, dir);
}

/** The Debian bookworm minbase root file system, as a tar file (debootstrap runs once, then it is cached). */
export async function ensureBaseRootfs(): Promise<{ tarball: string; key: string }> {
  const key = await hashFiles([join(scriptsDir, 'debian-base.sh')]);
  const tarball = join(e2eCacheDir, 'base', `debian-bookworm-minbase-${key}.tar`);
  if (!existsSync(tarball)) {
    await withLock('base-rootfs', async () => {
      if (existsSync(tarball)) return;
      await mkdir(join(e2eCacheDir, 'base'), { recursive: true });
      log('debootstrap --variant=minbase bookworm (about a minute, once)');
      await run('bash', [join(scriptsDir, 'debian-base.sh'), tarball]);
      await pruneOlder(join(e2eCacheDir, 'base'), 'debian-bookworm-minbase-', `debian-bookworm-minbase-${key}.tar`);
    });
  }
  return { tarball, key };
}

/** `localhost/whittle-test/debian:bookworm` in the e2e buildah storage, imported from the cached rootfs. */
export async function ensureBaseImage(): Promise<string> {
  const rootfs = await ensureBaseRootfs();
  const key = `${rootfs.key}-${await hashFiles([join(scriptsDir, 'import-base.sh')])}`;
  await withLock('base-image', async () => {
    if ((await baseImageKey()) === key) return;
    log(`importing ${baseImageName}`);
    await run('bash', [join(scriptsDir, 'import-base.sh'), rootfs.tarball, baseImageName, key]);
  });
  return baseImageName;
}

async function baseImageKey(): Promise<string | undefined> {
  try {
    const { stdout } = await run('buildah', [...e2eStorage.buildahArgs, 'inspect', '--type', 'image', baseImageName]);
    const info = JSON.parse(stdout) as { OCIv1?: { config?: { Labels?: Record<string, string> } } };
    return info.OCIv1?.config?.Labels?.['org.whittle.e2e.base-key'];
  } catch {
    return undefined;
  }
}

/** Cache key of an image: its build context, the build scripts, the base it starts from, format and exports. */
async function imageKey(contextDir: string, options: string): Promise<string> {
  const context = await hashFiles(await listFiles(contextDir), contextDir);
  const scripts = ['debian-base.sh', 'import-base.sh', 'build-image.sh', 'storage.sh'].map((f) => join(scriptsDir, f));
  return hashFiles(scripts, repoRoot, `${options}\0${context}`);
}

async function describe(name: string, dir: string): Promise<E2EImage> {
  const dpkgFile = join(dir, 'dpkg-query.txt');
  return {
    name,
    tag: `localhost/whittle-test/${name}:latest`,
    dir,
    dockerArchive: join(dir, 'image.docker.tar'),
    ociDir: join(dir, 'oci'),
    ociZstdDir: join(dir, 'oci-zstd'),
    dpkgQuery: existsSync(dpkgFile) ? await readFile(dpkgFile, 'utf8') : undefined,
    registryRef: undefined,
  };
}

/** Repository and tag of an image in the e2e registry: the cache key (the end of its folder name) is the tag. */
function registryRepo(image: E2EImage): string {
  const key = image.dir.slice(image.dir.lastIndexOf('-') + 1);
  return `whittle-test/${image.name}:${key}`;
}

let sharedRegistry: Promise<RunningRegistry> | undefined;
const pushed = new Set<string>();

/**
 * A real registry (test/helpers/registry.ts: Debian's docker-registry on a free 127.0.0.1 port) for this
 * process, holding the given images pushed from their OCI layouts, so it serves the very same blobs (same
 * digests) as `ociDir`. Started once per process; `stopE2ERegistry()` or the process's exit stops it.
 */
export async function startE2ERegistry(images: E2EImage[]): Promise<RunningRegistry> {
  sharedRegistry ??= startRegistry();
  const registry = await sharedRegistry;
  for (const image of images) {
    const ref = `${registry.host}/${registryRepo(image)}`;
    if (pushed.has(ref)) continue;
    await run('skopeo', ['copy', '-q', '--dest-tls-verify=false', '--preserve-digests', `oci:${image.ociDir}:latest`, `docker://${ref}`]);
    pushed.add(ref);
  }
  return registry;
}

export async function stopE2ERegistry(): Promise<void> {
  const registry = sharedRegistry;
  sharedRegistry = undefined;
  pushed.clear();
  if (registry) await (await registry).stop();
}

/**
 * Runs `fn` holding the named cross-process lock. The holder refreshes the lock every few seconds, so a
 * build that takes many minutes keeps it, and a holder that died leaves it stale after a minute.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(e2eCacheDir, { recursive: true });
  const release = await lockfile.lock(join(e2eCacheDir, name), {
    realpath: false,
    lockfilePath: join(e2eCacheDir, `${name}.lock`),
    stale: 60_000,
    update: 5_000,
    // Waiting for another process's build: up to an hour, polling every second.
    retries: { retries: 3600, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Hash of the files' contents and their paths relative to `root` (so a context copied elsewhere keeps its key). */
async function hashFiles(files: string[], root = repoRoot, extra = ''): Promise<string> {
  const hash = createHash('sha256').update(extra);
  for (const file of [...files].sort()) {
    hash.update(`\0${relative(root, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

async function pruneOlder(dir: string, prefix: string, keep: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry.startsWith(prefix) && entry !== keep && !entry.endsWith('.partial') && !entry.endsWith('.log')) {
      await rm(join(dir, entry), { recursive: true, force: true });
    }
  }
}

function log(message: string): void {
  process.stderr.write(`[e2e-images] ${message}\n`);
}

/** Runs a command to completion, without blocking the event loop (the lock's refresh timer must keep running). */
export function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const out = Buffer.concat(stdout).toString();
      if (code === 0) resolve({ stdout: out, stderr });
      else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${stderr.slice(-4000)}`));
    });
  });
}
