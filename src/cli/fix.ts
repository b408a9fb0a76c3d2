/**
 * `whittle fix [files...]`: applies the safe fixes and writes the files atomically; `--dry-run` prints a unified
 * diff instead. What could not be fixed is reported afterwards, suggestions with their exact replacement text.
 */
import { Option } from 'commander';
import { LINT_FORMAT_NAMES } from '../report/lint/names.js';
import type { FixOptions } from './fix-action.js';
import { addSharedLintOptions } from './lint-options.js';
import type { CommandRegistrar } from './runtime.js';

export const registerFix: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('fix')
    .description('apply the safe fixes to Dockerfiles (suggestions are shown, never applied)')
    .argument('[files...]', 'Dockerfiles, folders or globs; "-" reads stdin and prints the fixed file (default: ./Dockerfile)');
  addSharedLintOptions(command)
    .option('--dry-run', 'print a unified diff of the fixes and write nothing')
    .addOption(new Option('-f, --format <format>', 'format of the report on what remains').choices(LINT_FORMAT_NAMES).default('text'))
    .action(async (files: string[], options: FixOptions) => {
      const { fixAction } = await import('./fix-action.js');
      await fixAction(files, options, command, runtime);
    });
};
