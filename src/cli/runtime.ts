/** What commands get besides their options: output streams, colour decisions and the exit code they want. */
import type { Command } from 'commander';

export interface CliRuntime {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The exit code main() returns; the highest value set wins (2 over 1 over 0). */
  setExitCode(code: number): void;
  /** Whether to colour text written to a stream: a TTY, no `--no-color`, no NO_COLOR (FORCE_COLOR forces it). */
  useColor(command: Command, stream: 'stdout' | 'stderr'): boolean;
  /** `--debug` was given. */
  debug: boolean;
}

/** A command module: adds its command (with its action) to the program. */
export type CommandRegistrar = (program: Command, runtime: CliRuntime) => void;

export interface OutputStreams {
  stdout: CliRuntime['stdout'];
  stderr: CliRuntime['stderr'];
}

export function createRuntime(argv: readonly string[], streams?: OutputStreams): CliRuntime & { exitCode: number } {
  const runtime = {
    stdout: streams?.stdout ?? process.stdout,
    stderr: streams?.stderr ?? process.stderr,
    exitCode: 0,
    debug: argv.includes('--debug'),
    setExitCode(code: number) {
      runtime.exitCode = Math.max(runtime.exitCode, code);
    },
    useColor(command: Command, stream: 'stdout' | 'stderr') {
      if (command.optsWithGlobals().color === false) return false;
      if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
      if (process.env.NO_COLOR) return false;
      return Boolean(runtime[stream].isTTY);
    },
  };
  return runtime;
}
