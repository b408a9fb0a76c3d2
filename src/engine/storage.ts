/** Engine storage: a root of whittle's own (never the user's default storage unless asked) and the refs into it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, EngineStorage } from './types.js';

export const DEFAULT_BENCH_DIR = '/var/tmp/whittle-bench';

/**
 * overlay where the kernel has it and we are root (layers are diffs: builds copy nothing, a layer costs its own
 * bytes on disk), else vfs, which works everywhere but copies the whole root file system at every step.
 */
export function defaultStorageDriver(): 'overlay' | 'vfs' {
  if (process.getuid?.() !== 0) return 'vfs';
  try {
    return /\boverlay\b/.test(readFileSync('/proc/filesystems', 'utf8')) ? 'overlay' : 'vfs';
  } catch {
    return 'vfs';
  }
}

/**
 * `--storage DIR` (and `--runroot DIR`); without a runroot, a root's runroot is `ROOT.run` beside it. The default
 * root is per driver: containers/storage refuses to open a root made by another driver.
 */
export function benchStorage(root?: string, runroot?: string, driver: string = defaultStorageDriver()): EngineStorage {
  if (root === undefined) {
    const suffix = driver === 'vfs' ? '' : `-${driver}`;
    return { root: join(DEFAULT_BENCH_DIR, `storage${suffix}`), runroot: runroot ?? join(DEFAULT_BENCH_DIR, `runroot${suffix}`), driver };
  }
  return { root, runroot: runroot ?? `${root.replace(/\/+$/, '')}.run`, driver };
}

export function storageArgs(storage: EngineStorage): string[] {
  return ['--storage-driver', storage.driver, '--root', storage.root, '--runroot', storage.runroot];
}

/** The skopeo (containers/image) reference to an image the engine built. */
export function engineImageRef(engine: Engine, tag: string): string {
  if (engine.name === 'docker') return `docker-daemon:${tag.includes(':') || tag.includes('@') ? tag : `${tag}:latest`}`;
  const s = engine.storage!;
  return `containers-storage:[${s.driver}@${s.root}+${s.runroot}]${tag}`;
}
