/**
 * Running a built image: a command to completion (`runInImage`, the smoke test) or the image's own entrypoint
 * in the background (`startInImage`, for a server), stopped by killing its whole process group. buildah and
 * podman run with chroot isolation, which shares the host's network, so a server listening in the image answers
 * on the host's 127.0.0.1; docker runs with --network host for the same reason.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { InputError } from '../core/errors.js';
import { execProgram, killGroup, lastLines, spawnGroup } from './exec.js';
import type { Engine, RunResult } from './types.js';

const DEFAULT_RUN_TIMEOUT_MS = 5 * 60_000;

/**
 * The container a run uses: a buildah working container made from `image`, or (docker, podman) a fresh name for
 * `run --rm --name`; `remove()` deletes it even when the process was killed.
 */
async function workingContainer(engine: Engine, image: string): Promise<{ name: string; remove(): Promise<void> }> {
  if (engine.name !== 'buildah') {
    const name = `whittle-bench-${randomBytes(6).toString('hex')}`;
    return { name, remove: async () => void (await execProgram(engine.program, [...engine.globalArgs, 'rm', '-f', name])) };
  }
  const args = ['from', '--pull=never', image];
  const r = await execProgram(engine.program, [...engine.globalArgs, ...args]);
  if (r.code !== 0) throw new InputError(`${engine.name} could not make a container from ${image}: ${lastLines(r.stderr, 3)}`);
  const name = r.stdout.trim().split('\n').pop()!;
  return {
    name,
    remove: async () => {
      await execProgram(engine.program, [...engine.globalArgs, 'rm', '-f', name]);
    },
  };
}

function runArgs(engine: Engine, container: string, image: string, argv: string[]): string[] {
  if (engine.name === 'buildah') return [...engine.globalArgs, 'run', '--isolation', 'chroot', container, '--', ...argv];
  // docker and podman: a fresh named container on the host's network, the entrypoint replaced by argv.
  const pull = engine.name === 'podman' ? ['--pull=never'] : [];
  return [...engine.globalArgs, 'run', '--rm', '--name', container, '--network', 'host', ...pull, '--entrypoint', argv[0]!, image, ...argv.slice(1)];
}

/** Runs `argv` (exec form, no shell) in a container of `image`; the exit code is returned, never thrown. */
export async function runInImage(engine: Engine, image: string, argv: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
  if (argv.length === 0) throw new InputError('the smoke command is empty');
  const container = await workingContainer(engine, image);
  try {
    const r = await execProgram(engine.program, runArgs(engine, container.name, image, argv), { timeoutMs: options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS });
    const stderr = r.signal === 'timeout' ? `${r.stderr}\n(timed out after ${(options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS) / 1000} s)` : r.stderr;
    return { code: r.signal === 'timeout' ? 124 : r.code, stdout: r.stdout, stderr, seconds: r.seconds };
  } finally {
    await container.remove();
  }
}

export interface RunningInImage {
  child: ChildProcess;
  /** Output so far (bounded tail). */
  output(): string;
  /** Resolves with the exit code when the process ends by itself. */
  exited: Promise<number>;
  /** Kills the process group (TERM, then KILL after 3 s) and removes the container. */
  stop(): Promise<void>;
}

/** Starts `argv` in a container of `image` in the background. */
export async function startInImage(engine: Engine, image: string, argv: string[]): Promise<RunningInImage> {
  if (argv.length === 0) throw new InputError(`${image} has no ENTRYPOINT or CMD to start`);
  const container = await workingContainer(engine, image);
  const child = spawnGroup(engine.program, runArgs(engine, container.name, image, argv));
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let done = false;
  const exited = new Promise<number>((resolve) => {
    child.once('close', (code) => {
      done = true;
      resolve(code ?? 128);
    });
    child.once('error', () => {
      done = true;
      resolve(127);
    });
  });
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (!done) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // A server that ignored SIGTERM may outlive the engine process that started it: its group goes too.
      killGroup(child, 'SIGKILL');
      await container.remove();
    },
  };
}
