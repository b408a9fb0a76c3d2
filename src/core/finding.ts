import type { TextEdit } from './edits.js';

export type Severity = 'error' | 'warning' | 'info' | 'style';

/** Most severe first; used for failure thresholds (`--failure-threshold warning` fails on error and warning). */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is at least as severe as `threshold`. */
export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

/** A suggestion the user applies by choice (pinning a version, switching a base image): exact text, never applied silently. */
export interface Suggestion {
  description: string;
  edits: TextEdit[];
}

/** One problem in one file, as plain data. Formatters render it; the CLI computes the exit code from it. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** whittle's own rule id, kebab-case. */
  rule: string;
  /** Other tools' codes for the same rule, e.g. ["DL3009"]. */
  aliases: string[];
  severity: Severity;
  message: string;
  /** Whether `whittle fix` can fix it safely. */
  fixable: boolean;
  /** The safe fix, as edits on the original text. */
  fix?: TextEdit[];
  suggestions?: Suggestion[];
  /** Link to the rule's documentation. */
  docs?: string;
}
