/**
 * The whittle command line: builds the program from the command registry, runs it and turns every outcome
 * into an exit code (0 clean, 1 findings at or above the failure threshold, 2 usage, input or internal error).
 * Users see one line per error; stacks only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, WhittleError } from '../core/errors.js';
import { commands } from './commands.js';
import type { CommandRegistrar, OutputStreams } from './runtime.js';
import { createRuntime } from './runtime.js';
import { whittleVersion } from './version.js';

export function buildProgram(
  argv: readonly string[] = [],
  registrars: readonly CommandRegistrar[] = commands,
  streams?: OutputStreams,
): { program: Command; runtime: ReturnType<typeof createRuntime> } {
  const runtime = createRuntime(argv, streams);
  const program = new Command('whittle')
    .description('Make container images small, secure and ready for Kubernetes, and prove it with measurements.')
    .version(whittleVersion(), '--version', 'print the version')
    .option('--debug', 'print stack traces of internal errors')
    .option('--no-color', 'never colour the output')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => runtime.stdout.write(s),
      writeErr: (s) => runtime.stderr.write(s),
      // Usage errors are printed by main() as one line, with the exit code 2.
      outputError: () => {},
    })
    .addHelpText('after', '\nExit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage, input or internal error.');
  for (const register of registrars) register(program, runtime);
  return { program, runtime };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: string[]): Promise<number> {
  // `whittle lint | head` closes the pipe early: the rest of the output is dropped quietly (no unhandled EPIPE
  // with a stack), and the exit code is still the run's.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  return run(argv, commands);
}

/** main() with the command list and output streams given: lets tests drive error handling in-process. */
export async function run(argv: string[], registrars: readonly CommandRegistrar[], streams?: OutputStreams): Promise<number> {
  const { program, runtime } = buildProgram(argv, registrars, streams);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.Error;
    }
    await program.parseAsync(argv, { from: 'user' });
    return runtime.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.Ok;
      // `whittle help lint` shows help on purpose (exit 0); help shown because a command is missing is a usage error.
      if (err.code === 'commander.help') return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Error;
      runtime.stderr.write(`whittle: ${oneLine(err.message.replace(/^error: /, ''))}\n`);
      return ExitCode.Error;
    }
    if (err instanceof WhittleError) {
      runtime.stderr.write(`${oneLine(err.format())}\n`);
      if (runtime.debug && err.stack) runtime.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (runtime.debug) {
      runtime.stderr.write(`whittle: internal error: ${err instanceof Error && err.stack ? err.stack : message}\n`);
    } else {
      runtime.stderr.write(`whittle: internal error: ${oneLine(message)} (run with --debug for the stack)\n`);
    }
    return ExitCode.Error;
  }
}
