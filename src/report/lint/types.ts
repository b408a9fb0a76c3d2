/** What every lint formatter receives: findings per file as plain data, the rules' metadata and input errors. */
import type { Finding, Severity } from '../../core/finding.js';
import type { RuleMeta } from '../../rules/types.js';

export interface LintedFile {
  /** Path as shown to the user ("-" for stdin). */
  file: string;
  /** The source text, for code frames and fix regions; null when unknown. */
  text: string | null;
  findings: Finding[];
}

/** A file that could not be read or parsed: it has no findings, only this one error. */
export interface InputProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** Set for a bug (not the user's input): its stack, printed with --debug only. */
  stack?: string;
}

export interface LintReport {
  files: LintedFile[];
  errors: InputProblem[];
  rules: readonly RuleMeta[];
  failureThreshold: Severity;
  /** True with `--failure-threshold none`: findings do not fail the run. */
  noFail: boolean;
  toolVersion: string;
}

export interface FormatOptions {
  color: boolean;
}

export type LintFormatter = (report: LintReport, options: FormatOptions) => string;
