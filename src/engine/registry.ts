/**
 * A throwaway registry for push and pull timings: Debian's docker-registry (distribution 2.8) on 127.0.0.1, a
 * free port, filesystem storage in a temp folder, no auth. Started per measurement so that every push is to an
 * empty registry (no blob already there, no cross-repository mount from an earlier run) and stopped, its folder
 * removed, afterwards; killed with whittle if whittle dies first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
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

/**
 * A port that was free a moment ago (bound to 0, then released). Another process may take it before the caller
 * binds it: callers must notice (startLocalRegistry checks who answers and retries on a taken port).
 */
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
  /**
   * The config file's text without its `http` section, which the starter writes (address, secret, and a header
   * that tells this registry's answers from another server's); default: log level error, filesystem storage in
   * `dir`/data, no auth.
   */
  config?: (dir: string) => string;
  /** Where ports come from (default freePort); tests hand out a taken one to see the start move on. */
  pickPort?: () => Promise<number>;
}

/** The header every answer of a started registry carries (http.headers in its config), with a value per start. */
export const REGISTRY_ID_HEADER = 'x-whittle-registry';
/** Ports tried before giving up when another process takes the free port first. */
const PORT_ATTEMPTS = 5;
/** Longest wait for one readiness probe's answer (a server that accepts and never answers must not stall the start). */
const PROBE_TIMEOUT_MS = 2000;

const running = new Set<ChildProcess>();
let hooked = false;

function defaultConfig(dir: string): string {
  return `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n`;
}

function httpSection(port: number, id: string): string {
  return `http:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(16).toString('hex')}\n  headers:\n    ${REGISTRY_ID_HEADER}: [${id}]\n`;
}

interface Spawned {
  child: ChildProcess;
  stderr(): string;
  spawnError(): string | undefined;
  /** Kills the process (SIGTERM, SIGKILL after 5 s) and waits until it is gone. */
  kill(): Promise<void>;
}

function spawnRegistry(program: string, config: string): Spawned {
  const child = spawn(program, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let spawnError: string | undefined;
  child.once('error', (err: NodeJS.ErrnoException) => (spawnError = err.code ?? err.message));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    stderr: () => stderr,
    spawnError: () => spawnError,
    kill: async () => {
      running.delete(child);
      if (spawnError === undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Who answers on the port: this registry (its id header), another server, or nobody yet. */
async function probe(url: string, id: string): Promise<'ours' | 'other' | 'none'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.headers.get(REGISTRY_ID_HEADER) === id ? 'ours' : 'other';
  } catch {
    return 'none';
  }
}

/**
 * Starts a registry; `program` defaults to the installed docker-registry (null: none is installed). Ready when
 * /v2/ answers with this start's id header: a free port can be taken by another process between freePort and the
 * registry's bind, so an answer from someone else, or the registry exiting with "address already in use", means
 * another port (up to PORT_ATTEMPTS), never a registry that is not the one started.
 */
export async function startLocalRegistry(program: string | null = findRegistryProgram() ?? null, timeoutMs = 20_000, options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
  if (!program) throw new InputError('no docker-registry program found (apt-get install docker-registry), and no --registry given; use --registry HOST:PORT or --registry none');
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const child of running) child.kill('SIGKILL');
    });
  }
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'whittle-bench-registry-')));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  const deadline = Date.now() + timeoutMs;
  const taken: number[] = [];
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await (options.pickPort ?? freePort)();
    const id = randomUUID();
    const config = join(dir, 'config.yml');
    await writeFile(config, (options.config ?? defaultConfig)(dir) + httpSection(port, id));
    const registry = spawnRegistry(program, config);
    const url = `http://127.0.0.1:${port}/v2/`;
    const fail = async (message: string): Promise<never> => {
      await registry.kill();
      await removeDir();
      throw new InputError(message);
    };
    let outcome: 'ready' | 'taken' | undefined;
    while (!outcome) {
      const answer = await probe(url, id);
      const spawnError = registry.spawnError();
      if (answer === 'ours') outcome = 'ready';
      else if (spawnError !== undefined) await fail(`cannot start ${program} (${spawnError})`);
      else if (answer === 'other') outcome = 'taken';
      else if (registry.child.exitCode !== null) {
        if (/address already in use/i.test(registry.stderr())) outcome = 'taken';
        else await fail(`docker-registry exited with ${registry.child.exitCode}: ${registry.stderr().trim().split('\n').pop() ?? ''}`);
      } else if (Date.now() > deadline) {
        await fail(`docker-registry did not answer on ${url} within ${timeoutMs / 1000} s${registry.stderr() ? `: ${registry.stderr().trim().split('\n').pop()}` : ''}`);
      } else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (outcome === 'ready') {
      return {
        host: `127.0.0.1:${port}`,
        stop: async () => {
          await registry.kill();
          await removeDir();
        },
      };
    }
    taken.push(port);
    await registry.kill();
  }
  await removeDir();
  throw new InputError(`docker-registry: every free port was taken by another process before the registry could bind it (${taken.join(', ')})`);
}
