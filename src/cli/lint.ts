/** `whittle lint [files...]`: check Dockerfiles, print a report, exit 1 when a finding reaches the failure threshold. */
import { Option } from 'commander';
import { LINT_FORMAT_NAMES } from '../report/lint/names.js';
import type { LintOptions } from './lint-action.js';
import { addSharedLintOptions } from './lint-options.js';
import type { CommandRegistrar } from './runtime.js';

export const registerLint: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('lint')
    .description("check Dockerfiles against whittle's rules")
    .argument('[files...]', 'Dockerfiles, folders or globs such as "**/Dockerfile*"; "-" reads stdin (default: ./Dockerfile)');
  addSharedLintOptions(command)
    .addOption(new Option('-f, --format <format>', 'report format').choices(LINT_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--fix', 'apply the safe fixes first (as whittle fix), then report what remains')
    .action(async (files: string[], options: LintOptions) => {
      // Loaded on use: the parser and rules are not needed for --help or another command.
      const { lintAction } = await import('./lint-action.js');
      await lintAction(files, options, command, runtime);
    });
};
