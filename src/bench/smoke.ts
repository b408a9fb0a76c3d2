/**
 * Smoke tests of a built image: a command that must exit 0, or a server whose port must answer on 127.0.0.1
 * (chroot isolation shares the host's network). The server is always stopped, its whole process group killed.
 */
import { connect } from 'node:net';
import { ConfigError } from '../core/errors.js';
import { imageConfig, runInImage, startInImage } from '../engine/index.js';
import { lastLines } from '../engine/exec.js';
import type { Engine } from '../engine/types.js';
import type { SmokeResult } from './model.js';

/** `--smoke "CMD"`: split on blanks (no shell, no quoting); use --smoke-json for arguments with spaces. */
export function splitSmoke(command: string): string[] {
  return command.trim().split(/\s+/).filter(Boolean);
}

/** `--smoke-json '["a","b c"]'`: a JSON array of strings. */
export function parseSmokeJson(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(`--smoke-json expects a JSON array of strings, got ${JSON.stringify(text)}`);
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw new ConfigError(`--smoke-json expects a non-empty JSON array of strings, got ${JSON.stringify(text)}`);
  }
  return value as string[];
}

/** Whether something accepts TCP connections on 127.0.0.1:port (within `timeoutMs`). */
export function tcpAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The HTTP status of GET / on 127.0.0.1:port, or null when what answers does not speak HTTP. */
export async function httpStatus(port: number, timeoutMs = 2000): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status;
  } catch {
    return null;
  }
}

export interface PortProbe {
  answered: boolean;
  httpStatus: number | null;
  seconds: number;
}

/**
 * Polls 127.0.0.1:port until a TCP connect succeeds (then asks GET / for the record), `gaveUp()` says stop (the
 * server died), or the timeout passes.
 */
export async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<PortProbe> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs && !gaveUp()) {
    if (await tcpAnswers(port, 500)) return { answered: true, httpStatus: await httpStatus(port), seconds: (Date.now() - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { answered: false, httpStatus: null, seconds: (Date.now() - started) / 1000 };
}

export async function smokeCommand(engine: Engine, image: string, argv: string[], timeoutMs: number): Promise<SmokeResult> {
  const r = await runInImage(engine, image, argv, { timeoutMs });
  const output = lastLines(`${r.stdout}${r.stderr}`, 8);
  return {
    kind: 'command',
    command: argv,
    passed: r.code === 0,
    detail: r.code === 0 ? `exit 0${output ? `: ${output}` : ''}` : `exit ${r.code}${output ? `: ${output}` : ''}`,
    seconds: r.seconds,
  };
}

export async function smokePort(engine: Engine, image: string, port: number, timeoutMs: number): Promise<SmokeResult> {
  const config = await imageConfig(engine, image);
  const argv = [...config.entrypoint, ...config.cmd];
  const base = { kind: 'port' as const, command: argv, port };
  // Something already listening would pass the test for the image: refuse to guess.
  if (await tcpAnswers(port, 500)) {
    return { ...base, passed: false, detail: `port ${port} already answers on 127.0.0.1 before the image starts; pick a free port`, seconds: 0 };
  }
  if (argv.length === 0) return { ...base, passed: false, detail: 'the image has no ENTRYPOINT or CMD to start', seconds: 0 };
  const server = await startInImage(engine, image, argv);
  let exitCode: number | undefined;
  void server.exited.then((code) => (exitCode = code));
  try {
    const probe = await waitForPort(port, timeoutMs, () => exitCode !== undefined);
    if (probe.answered) {
      const how = probe.httpStatus === null ? 'TCP connect' : `HTTP ${probe.httpStatus}`;
      return { ...base, passed: true, detail: `127.0.0.1:${port} answered (${how}) after ${probe.seconds.toFixed(1)} s`, seconds: probe.seconds };
    }
    const why = exitCode !== undefined ? `the server exited with ${exitCode} before answering` : `no answer within ${timeoutMs / 1000} s`;
    const output = lastLines(server.output(), 8);
    return { ...base, passed: false, detail: `127.0.0.1:${port}: ${why}${output ? `: ${output}` : ''}`, seconds: probe.seconds };
  } finally {
    await server.stop();
  }
}
