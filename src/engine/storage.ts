/** Engine storage: a root of whittle's own (never the user's default storage unless asked) and the refs into it. */
import { join } from 'node:path';
import type { Engine, EngineStorage } from './types.js';

export const DEFAULT_BENCH_DIR = '/var/tmp/whittle-bench';

/** `--storage DIR` (and `--runroot DIR`); without a runroot, a root's runroot is `ROOT.run` beside it. */
export function benchStorage(root?: string, runroot?: string, driver = 'vfs'): EngineStorage {
  if (root === undefined) return { root: join(DEFAULT_BENCH_DIR, 'storage'), runroot: runroot ?? join(DEFAULT_BENCH_DIR, 'runroot'), driver };
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
