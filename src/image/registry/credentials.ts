/**
 * Registry credentials as Docker and podman keep them: auth files (REGISTRY_AUTH_FILE, podman's auth.json,
 * ~/.docker/config.json or $DOCKER_CONFIG/config.json) with inline `auths`, and credential helpers
 * (`credHelpers`, `credsStore`) run as `docker-credential-NAME get`. Secrets never reach a message or a log.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { DOCKER_HUB } from '../reference.js';

export interface Credentials {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token (`docker login` with SSO stores these; helpers return them with username `<token>`). */
  identityToken?: string;
  /** A ready bearer token for the registry itself (`registrytoken` in auth files). */
  registryToken?: string;
}

interface AuthFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export interface CredentialOptions {
  /** Auth files to read, in order (the first that knows the registry wins). Default: see defaultAuthFiles. */
  authFiles?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Podman's order first (REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json), then Docker's config. */
export function defaultAuthFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? homedir();
  const files: string[] = [];
  if (env.REGISTRY_AUTH_FILE) files.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) files.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  files.push(join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'containers', 'auth.json'));
  files.push(join(env.DOCKER_CONFIG ?? join(home, '.docker'), 'config.json'));
  return files;
}

/** The keys an auth file may use for a registry (Docker Hub has its legacy index URL). */
function keysFor(registry: string, repository: string | undefined): string[] {
  const hosts = registry === DOCKER_HUB ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
  const keys: string[] = [];
  // podman allows per-namespace entries: most specific first.
  if (repository) {
    const parts = repository.split('/');
    for (let n = parts.length; n > 0; n--) for (const h of hosts) keys.push(`${h.replace(/^https:\/\//, '').replace(/\/v1\/$/, '')}/${parts.slice(0, n).join('/')}`);
  }
  return [...keys, ...hosts];
}

/** `https://host/v1/` → `host` (auth files hold both forms). */
function normaliseKey(key: string): string {
  return key.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '').replace(/\/v[12]$/, '');
}

function lookup<T>(map: Record<string, T> | undefined, keys: string[]): T | undefined {
  if (!map) return undefined;
  const normal = new Map(Object.entries(map).map(([k, v]) => [normaliseKey(k), v] as const));
  for (const k of keys) {
    const hit = map[k] ?? normal.get(normaliseKey(k));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

async function readAuthFile(file: string): Promise<AuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as AuthFile) : undefined;
  } catch {
    throw new ConfigError('credentials file is not valid JSON', file);
  }
}

/** Runs `docker-credential-NAME get` with the server URL on stdin; undefined when the helper knows nothing. */
export function runCredentialHelper(helper: string, serverUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) return Promise.reject(new ConfigError(`invalid credential helper name ${JSON.stringify(helper)}`));
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 15_000, env, maxBuffer: 1024 * 1024 }, (err, stdout) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT') {
          reject(new ConfigError(`credential helper docker-credential-${helper} is not installed`));
        } else if (/credentials not found/i.test(String(stdout))) {
          resolve(undefined);
        } else {
          // The helper's own output may hold secrets: say only that it failed.
          reject(new ConfigError(`credential helper docker-credential-${helper} failed${e.killed ? ' (timed out)' : ''}`));
        }
        return;
      }
      try {
        const out = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!out.Secret) return resolve(undefined);
        resolve(out.Username === '<token>' ? { identityToken: out.Secret } : { username: out.Username ?? '', password: out.Secret });
      } catch {
        reject(new ConfigError(`credential helper docker-credential-${helper} did not answer JSON`));
      }
    });
    // A helper may exit without reading stdin: its exit status tells, not the EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}

function fromEntry(entry: NonNullable<AuthFile['auths']>[string], file: string): Credentials | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.registrytoken) return { registryToken: entry.registrytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) throw new ConfigError('an auths entry has an auth value that is not base64 of user:password', file);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/** The credentials for a registry (and repository, for podman's per-namespace entries), or undefined for anonymous access. */
export async function findCredentials(registry: string, repository: string | undefined, opts: CredentialOptions = {}): Promise<Credentials | undefined> {
  const env = opts.env ?? process.env;
  const keys = keysFor(registry, repository);
  const serverUrl = registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry;
  for (const file of opts.authFiles ?? defaultAuthFiles(env)) {
    const auth = await readAuthFile(file);
    if (!auth) continue;
    const helper = lookup(auth.credHelpers, keys);
    if (helper) return runCredentialHelper(helper, serverUrl, env);
    const entry = lookup(auth.auths, keys);
    const inline = entry ? fromEntry(entry, file) : undefined;
    if (inline) return inline;
    if (auth.credsStore) {
      // The default store (Docker Desktop's `desktop`, `osxkeychain`) is often absent where whittle runs: anonymous then.
      const found = await runCredentialHelper(auth.credsStore, serverUrl, env).catch((err: unknown) => {
        if (err instanceof ConfigError && /is not installed/.test(err.message)) return undefined;
        throw err;
      });
      if (found) return found;
    }
  }
  return undefined;
}
