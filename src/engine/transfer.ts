/**
 * Moving images with skopeo: export to an OCI layout (for sizes and inspect), push to a registry and pull back
 * into a fresh OCI layout (a real cold pull: every blob downloaded and verified, nothing local to reuse).
 */
import { InputError } from '../core/errors.js';
import { execProgram, lastLines } from './exec.js';
import { engineImageRef } from './storage.js';
import type { Engine } from './types.js';

const TRANSFER_TIMEOUT_MS = 30 * 60_000;

async function skopeoCopy(args: string[], what: string): Promise<number> {
  const r = await execProgram('skopeo', ['copy', '-q', ...args], { timeoutMs: TRANSFER_TIMEOUT_MS });
  if (r.code === 127) throw new InputError('skopeo is not installed (whittle bench exports, pushes and pulls with it)');
  if (r.code !== 0 || r.signal) throw new InputError(`${what} failed: ${lastLines(r.stderr, 6)}`);
  return r.seconds;
}

/** Copies the built image into an OCI layout at `dir` (gzip layers, tag `latest`); returns the seconds it took. */
export async function exportOci(engine: Engine, tag: string, dir: string): Promise<number> {
  return skopeoCopy([engineImageRef(engine, tag), `oci:${dir}:latest`], `exporting ${tag} to an OCI layout`);
}

/**
 * Pushes the built image to `registryRef` (`HOST:PORT/repo:tag`), as `docker push`/`buildah push` would: layers
 * compressed on the way. Plain HTTP is allowed (a local registry). Returns seconds.
 */
export async function pushImage(engine: Engine, tag: string, registryRef: string): Promise<number> {
  return skopeoCopy(['--dest-tls-verify=false', engineImageRef(engine, tag), `docker://${registryRef}`], `pushing ${tag} to ${registryRef}`);
}

/** Pulls `registryRef` into a fresh OCI layout at `dir` (which must not hold the blobs already). Returns seconds. */
export async function pullImage(registryRef: string, dir: string): Promise<number> {
  return skopeoCopy(['--src-tls-verify=false', `docker://${registryRef}`, `oci:${dir}:latest`], `pulling ${registryRef}`);
}
