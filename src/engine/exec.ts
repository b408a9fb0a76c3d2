/**
 * Runs engine programs: in their own process group (so a timeout or a stop ends every child, chroot helpers
 * included), output kept to a bounded tail, never through a shell.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Keep at most this many characters of stdout (stderr keeps its last 64 kB). */
  maxStdout?: number;
}

export interface ExecResult {
  code: number;
  /** The signal that ended it, or 'timeout' when we ended it. */
  signal?: string;
  stdout: string;
  stderr: string;
  seconds: number;
}

const STDERR_TAIL = 64_000;

/** Children still running; killed (by group) when whittle exits, so no build or server outlives it. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  // Detached children do not get the terminal's Ctrl-C, and Node does not run 'exit' handlers when a signal
  // ends it: on SIGINT/SIGTERM, end the groups first, then exit as the signal would have.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      for (const child of live) killGroup(child, 'SIGKILL');
      process.exit(code);
    });
  }
}

/** Signals the child's whole process group (it was started detached, so it leads its own group). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Spawns a detached child (its own process group) that is killed with whittle if still running. */
export function spawnGroup(program: string, args: string[], options: ExecOptions = {}): ChildProcess {
  installExitHook();
  const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  child.once('close', () => live.delete(child));
  return child;
}

/** Runs a program to completion; a missing program gives code 127 (as a shell would), never a throw. */
export function execProgram(program: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawnGroup(program, args, options);
    const out: Buffer[] = [];
    let outLength = 0;
    let stderr = '';
    let timedOut = false;
    const maxStdout = options.maxStdout ?? 16_000_000;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (outLength < maxStdout) out.push(chunk);
      outLength += chunk.length;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup(child, 'SIGTERM');
          setTimeout(() => killGroup(child, 'SIGKILL'), 3000).unref();
        }, options.timeoutMs)
      : undefined;
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      resolve({ code: err.code === 'ENOENT' ? 127 : 126, stdout: '', stderr: `${program}: ${err.code ?? err.message}`, seconds: seconds() });
    });
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result: ExecResult = { code: code ?? 128, stdout: Buffer.concat(out).toString(), stderr, seconds: seconds() };
      if (timedOut) result.signal = 'timeout';
      else if (signal) result.signal = signal;
      resolve(result);
    });
  });
}

/** The last lines of a program's output, for error messages. */
export function lastLines(text: string, count = 12): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
