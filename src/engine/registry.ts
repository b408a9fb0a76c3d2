/**
 * A throwaway registry for push and pull timings: Debian's docker-registry (distribution 2.8) on 127.0.0.1, a
 * free port, filesystem storage in a temp folder, no auth. Started per measurement so that every push is to an
 * empty registry (no blob already there, no cross-repository mount from an earlier run) and stopped, its folder
 * removed, afterwards; killed with whittle if whittle dies first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';

export const REGISTRY_CANDIDATES = ['/usr/bin/docker-registry', '/usr/local/bin/docker-registry', '/usr/bin/registry'];

export interface LocalRegistry {
  /** `127.0.0.1:PORT`. */
  host: string;
  stop(): Promise<void>;
}

/** The docker-registry program when one is installed. */
export function findRegistryProgram(): string | undefined {
  return REGISTRY_CANDIDATES.find((p) => existsSync(p));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface LocalRegistryOptions {
  /** The folder for the config and the data (removed at stop); default: a new temp folder. */
  dir?: string;
  /** The config file's text; default: filesystem storage in `dir`/data, listening on 127.0.0.1:`port`, no auth. */
  config?: (dir: string, port: number) => string;
}

const running = new Set<ChildProcess>();
let hooked = false;

function defaultConfig(dir: string, port: number): string {
  return `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: whittle-bench-${port}\n`;
}

/** Starts a registry; `program` defaults to the installed docker-registry (null: none is installed). */
export async function startLocalRegistry(program: string | null = findRegistryProgram() ?? null, timeoutMs = 20_000, options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
  if (!program) throw new InputError('no docker-registry program found (apt-get install docker-registry), and no --registry given; use --registry HOST:PORT or --registry none');
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const child of running) child.kill('SIGKILL');
    });
  }
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'whittle-bench-registry-')));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  await writeFile(config, (options.config ?? defaultConfig)(dir, port));
  const child = spawn(program, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let spawnError: string | undefined;
  child.once('error', (err: NodeJS.ErrnoException) => (spawnError = err.code ?? err.message));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async (): Promise<void> => {
    running.delete(child);
    if (spawnError === undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}/v2/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined) {
      await stop();
      throw new InputError(`cannot start ${program} (${spawnError})`);
    }
    if (child.exitCode !== null) {
      await stop();
      throw new InputError(`docker-registry exited with ${child.exitCode}: ${stderr.trim().split('\n').pop() ?? ''}`);
    }
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new InputError(`docker-registry did not answer on ${url} within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { host: `127.0.0.1:${port}`, stop };
}
