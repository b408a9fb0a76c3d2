/** What `whittle fix` does once its options are parsed. */
import type { Command } from 'commander';
import { ExitCode } from '../core/errors.js';
import type { LintFormatName } from '../report/lint/names.js';
import { applyFixes, fixedSummary, unifiedDiff } from './apply-fixes.js';
import { defaultInputs } from './default-inputs.js';
import type { SharedLintOptions } from './lint-options.js';
import { formatProblem, isFailing, runLint } from './lint-run.js';
import { toReport, writeReport } from './report-output.js';
import type { CliRuntime } from './runtime.js';

export interface FixOptions extends SharedLintOptions {
  dryRun?: boolean;
  format: LintFormatName;
}

export async function fixAction(files: string[], options: FixOptions, command: Command, runtime: CliRuntime): Promise<void> {
  const cwd = process.cwd();
  const run = await runLint(defaultInputs(files, cwd), options, { fix: true }, cwd);
  // stdout carries the diff (dry run) or the fixed stdin text, so the human report moves to stderr then.
  const usesStdin = run.results.some((r) => r.input.path === null && r.fixedText !== null);
  const reportStream = options.dryRun || usesStdin ? 'stderr' : 'stdout';
  // A machine-readable report keeps stdout to itself: the human lines go to stderr.
  const noteStream = options.format === 'text' ? reportStream : 'stderr';
  if (options.dryRun) {
    for (const r of run.results) {
      if (r.fixedText === null && !r.dockerignore) continue;
      runtime.stdout.write(unifiedDiff(r, cwd));
      runtime.stderr.write(`${r.input.display}: would be ${fixedSummary(r.fixed)}\n`);
    }
  } else {
    const applied = await applyFixes(run.results);
    if (applied.stdinText !== null) runtime.stdout.write(applied.stdinText);
    for (const m of applied.messages) runtime[noteStream].write(`${m}\n`);
  }
  if (run.results.every((r) => r.fixed.length === 0) && run.results.length) runtime[noteStream].write('nothing to fix\n');
  for (const w of run.warnings) runtime.stderr.write(`${w}\n`);
  for (const p of run.problems) runtime.stderr.write(`${formatProblem(p, runtime.debug)}\n`);
  await writeReport(toReport(run), options.format, undefined, command, runtime, reportStream);
  if (run.problems.length) runtime.setExitCode(ExitCode.Error);
  else if (run.results.some((r) => r.findings.some((f) => isFailing(f, r.config)))) runtime.setExitCode(ExitCode.Findings);
}
