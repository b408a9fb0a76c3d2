/** `whittle lint [files...]`: check Dockerfiles, print a report, exit 1 when a finding reaches the failure threshold. */
import { Option } from 'commander';
import { ExitCode } from '../core/errors.js';
import { LINT_FORMAT_NAMES } from '../report/lint/index.js';
import type { LintFormatName } from '../report/lint/index.js';
import { applyFixes } from './apply-fixes.js';
import { defaultInputs } from './default-inputs.js';
import type { SharedLintOptions } from './lint-options.js';
import { addSharedLintOptions } from './lint-options.js';
import { formatProblem, isFailing, runLint } from './lint-run.js';
import { toReport, writeReport } from './report-output.js';
import type { CommandRegistrar } from './runtime.js';

interface LintOptions extends SharedLintOptions {
  format: LintFormatName;
  output?: string;
  fix?: boolean;
}

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
      const cwd = process.cwd();
      const run = await runLint(defaultInputs(files, cwd), options, { fix: Boolean(options.fix) }, cwd);
      if (options.fix) {
        const applied = await applyFixes(run.results);
        for (const m of applied.messages) runtime.stderr.write(`${m}\n`);
        if (applied.stdinText !== null) runtime.stderr.write('(stdin was fixed in memory only; use `whittle fix -` to print it)\n');
      }
      for (const w of run.warnings) runtime.stderr.write(`${w}\n`);
      for (const p of run.problems) runtime.stderr.write(`${formatProblem(p)}\n`);
      await writeReport(toReport(run), options.format, options.output, command, runtime);
      if (run.problems.length) runtime.setExitCode(ExitCode.Error);
      else if (run.results.some((r) => r.findings.some((f) => isFailing(f, r.config)))) runtime.setExitCode(ExitCode.Findings);
    });
};
