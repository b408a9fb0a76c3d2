/**
 * `docker-daemon:NAME`: asks the Docker Engine API (unix socket, or DOCKER_HOST) for `GET /images/{name}/get`.
 * The tar stream is spooled to a private temporary file (its members are read in place from there, never
 * extracted) because `docker save` writes layers before the manifest.json that says what they are.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InputError } from '../core/errors.js';
import { openDockerArchive } from './docker-archive.js';
import type { Image, Platform } from './types.js';
import { readAll } from './verify.js';

export interface DaemonEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
  /** Shown in errors. */
  display: string;
}

/** Where the daemon listens: DOCKER_HOST (unix:// or tcp://) or /var/run/docker.sock. */
export function daemonEndpoint(env: NodeJS.ProcessEnv = process.env): DaemonEndpoint {
  const host = env.DOCKER_HOST;
  if (!host) return { socketPath: '/var/run/docker.sock', display: 'unix:///var/run/docker.sock' };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length), display: host };
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(host);
  if (tcp) {
    if (env.DOCKER_TLS_VERIFY) throw new InputError(`DOCKER_HOST ${host} with TLS is not supported; use docker save and docker-archive:`);
    return { host: tcp[1]!, port: Number(tcp[2] ?? 2375), display: host };
  }
  throw new InputError(`DOCKER_HOST ${host}: only unix:// and tcp:// are supported`);
}

function get(endpoint: DaemonEndpoint, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      { ...(endpoint.socketPath ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port }), path, method: 'GET' },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

export interface DaemonOpenOptions {
  reference: string;
  platform?: Platform;
  env?: NodeJS.ProcessEnv;
}

export async function openDockerDaemon(name: string, opts: DaemonOpenOptions): Promise<Image> {
  const endpoint = daemonEndpoint(opts.env);
  let res: IncomingMessage;
  try {
    res = await get(endpoint, `/images/${encodeURIComponent(name)}/get`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new InputError(
      `no Docker daemon answers at ${endpoint.display} (${code}); save the image with docker save and open docker-archive:FILE, or give a registry reference`,
    );
  }
  if (res.statusCode !== 200) {
    const body = await readAll(res, 64 * 1024, 'daemon response').catch(() => Buffer.alloc(0));
    let message = body.toString('utf8').trim();
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      // plain-text error
    }
    throw new InputError(`Docker daemon at ${endpoint.display}: ${res.statusCode === 404 ? 'no such image' : `HTTP ${res.statusCode}`} ${name}${message ? `: ${message.slice(0, 200)}` : ''}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'whittle-daemon-'));
  const file = join(dir, 'image.tar');
  try {
    await pipeline(res, createWriteStream(file, { mode: 0o600 }));
    const image = await openDockerArchive(file, undefined, { reference: opts.reference, ...(opts.platform ? { platform: opts.platform } : {}) });
    const closeArchive = image.close;
    let closed: Promise<void> | undefined;
    return { ...image, source: 'docker-daemon', close: () => (closed ??= closeArchive().finally(() => rm(dir, { recursive: true, force: true }))) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
