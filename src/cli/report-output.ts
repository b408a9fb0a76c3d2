/** Renders a lint report in the chosen format and writes it to stdout or --output. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import type { Severity } from '../core/finding.js';
import { lintFormatters } from '../report/lint/index.js';
import type { LintFormatName } from '../report/lint/index.js';
import type { LintReport } from '../report/lint/types.js';
import { allRules } from '../rules/index.js';
import type { FileResult, RunResult } from './lint-run.js';
import type { CliRuntime } from './runtime.js';
import { whittleVersion } from './version.js';

export function toReport(run: RunResult, fallbackThreshold: Severity = 'info'): LintReport {
  const first: FileResult | undefined = run.results[0];
  return {
    files: run.results.map((r) => ({ file: r.input.display, text: r.fixedText ?? r.text, findings: r.findings })),
    errors: run.problems,
    rules: allRules.map((r) => r.meta),
    failureThreshold: first?.config.failureThreshold ?? fallbackThreshold,
    noFail: first?.config.noFail ?? false,
    toolVersion: whittleVersion(),
  };
}

export async function writeReport(
  report: LintReport,
  format: LintFormatName,
  output: string | undefined,
  command: Command,
  runtime: CliRuntime,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<void> {
  const color = output === undefined && runtime.useColor(command, stream);
  const rendered = lintFormatters[format](report, { color });
  if (output === undefined) {
    runtime[stream].write(rendered);
    return;
  }
  try {
    await writeFile(output, rendered);
  } catch (err) {
    throw new InputError(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`, output);
  }
}
