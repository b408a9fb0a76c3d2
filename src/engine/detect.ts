/**
 * Which build engine to use: Docker (BuildKit) when a daemon answers, else buildah, else podman; or the one asked
 * for, with one clear line when it cannot be used. Docker is probed with a short timeout, so a client without a
 * daemon (or a DOCKER_HOST that does not answer) costs at most a few seconds, never a hang.
 */
import { ConfigError } from '../core/errors.js';
import { execProgram, lastLines } from './exec.js';
import { storageArgs } from './storage.js';
import type { Engine, EngineName, EngineStorage } from './types.js';

const PROBE_TIMEOUT_MS = 5000;

export interface DetectOptions {
  /** `auto` (default) or an engine name. */
  engine?: EngineName | 'auto';
  /** Storage for buildah and podman. */
  storage: EngineStorage;
}

/** Why an engine can or cannot be used: `ok` with its version, or the reason. */
export type Probe = { ok: true; version: string } | { ok: false; reason: string };

export async function probeEngine(name: EngineName): Promise<Probe> {
  if (name === 'docker') {
    const r = await execProgram('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: PROBE_TIMEOUT_MS });
    if (r.code === 127) return { ok: false, reason: 'the docker client is not installed' };
    if (r.signal === 'timeout') return { ok: false, reason: `the Docker daemon did not answer within ${PROBE_TIMEOUT_MS / 1000} s` };
    const version = r.stdout.trim();
    if (r.code !== 0 || !version) {
      const why = lastLines(r.stderr, 1).trim() || `docker version exited with ${r.code}`;
      return { ok: false, reason: `no Docker daemon answers (${why})` };
    }
    return { ok: true, version };
  }
  const r = await execProgram(name, ['--version'], { timeoutMs: PROBE_TIMEOUT_MS });
  if (r.code === 127) return { ok: false, reason: `${name} is not installed` };
  if (r.code !== 0) return { ok: false, reason: `${name} --version failed: ${lastLines(r.stderr, 1)}` };
  return { ok: true, version: r.stdout.trim() };
}

function engineOf(name: EngineName, version: string, storage: EngineStorage): Engine {
  if (name === 'docker') return { name, program: 'docker', version, globalArgs: [] };
  return { name, program: name, version, globalArgs: storageArgs(storage), storage };
}

/** Picks the engine. Throws ConfigError (exit 2) naming why when the requested one, or every one, is unusable. */
export async function detectEngine(options: DetectOptions): Promise<Engine> {
  const requested = options.engine ?? 'auto';
  if (requested !== 'auto') {
    const probe = await probeEngine(requested);
    if (!probe.ok) throw new ConfigError(`--engine ${requested}: ${probe.reason}`);
    return engineOf(requested, probe.version, options.storage);
  }
  const reasons: string[] = [];
  for (const name of ['docker', 'buildah', 'podman'] as const) {
    const probe = await probeEngine(name);
    if (probe.ok) return engineOf(name, probe.version, options.storage);
    reasons.push(`${name}: ${probe.reason}`);
  }
  throw new ConfigError(`no build engine found (${reasons.join('; ')}); install buildah, podman or Docker`);
}
