/** What `whittle lint` does once its options are parsed. */
import type { Command } from 'commander';
import { ExitCode } from '../core/errors.js';
import type { LintFormatName } from '../report/lint/names.js';
import { applyFixes } from './apply-fixes.js';
import { defaultInputs } from './default-inputs.js';
import type { SharedLintOptions } from './lint-options.js';
import { formatProblem, isFailing, runLint } from './lint-run.js';
import { toReport, writeReport } from './report-output.js';
import type { CliRuntime } from './runtime.js';

export interface LintOptions extends SharedLintOptions {
  format: LintFormatName;
  output?: string;
  fix?: boolean;
}

export async function lintAction(files: string[], options: LintOptions, command: Command, runtime: CliRuntime): Promise<void> {
  const cwd = process.cwd();
  const run = await runLint(defaultInputs(files, cwd), options, { fix: Boolean(options.fix) }, cwd);
  if (options.fix) {
    const applied = await applyFixes(run.results);
    for (const m of applied.messages) runtime.stderr.write(`${m}\n`);
    if (applied.stdinText !== null) runtime.stderr.write('(stdin was fixed in memory only; use `whittle fix -` to print it)\n');
  }
  for (const w of run.warnings) runtime.stderr.write(`${w}\n`);
  for (const p of run.problems) runtime.stderr.write(`${formatProblem(p, runtime.debug)}\n`);
  await writeReport(toReport(run), options.format, options.output, command, runtime);
  if (run.problems.length) runtime.setExitCode(ExitCode.Error);
  else if (run.results.some((r) => r.findings.some((f) => isFailing(f, r.config)))) runtime.setExitCode(ExitCode.Findings);
}
