/** The fix loop: apply the safe fixes as non-overlapping edits, re-parse and re-lint until nothing changes. */
import { applyEdits } from '../core/edits.js';
import type { TextEdit } from '../core/edits.js';
import { WhittleError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { lintText } from './engine.js';
import type { LintOptions } from './engine.js';

export interface FixResult {
  /** The fixed text (the original when nothing was fixable). */
  text: string;
  /** Findings whose fix was applied, over all passes. */
  fixed: Finding[];
  /** Findings left after the last pass. */
  remaining: Finding[];
  passes: number;
  /**
   * Fixes left out because the text they produced no longer parsed (a rule bug): the result stops at the last
   * text that parsed, so a fix never turns a valid Dockerfile into an invalid one.
   */
  rejected?: { findings: Finding[]; error: string };
}

/** Ten passes is far beyond what any real file needs; the bound guarantees termination if two fixes ever fight. */
const MAX_PASSES = 10;

/** Picks the fixes of one pass: a finding's edits are applied all together or not at all, never half. */
function compatibleFixes(text: string, fixable: readonly Finding[]): { edits: TextEdit[]; findings: Finding[] } {
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  for (const finding of fixable) {
    const trial = applyEdits(text, [...edits, ...finding.fix!]);
    if (trial.skipped.length === 0) {
      edits.push(...finding.fix!);
      findings.push(finding);
    }
  }
  return { edits, findings };
}

export async function fixText(text: string, file: string, options: LintOptions = {}): Promise<FixResult> {
  let current = text;
  // Parse errors in the original text are the user's: they propagate (the file is not fixed, not written).
  let findings = await lintText(current, file, options);
  const fixed: Finding[] = [];
  let passes = 0;
  while (passes < MAX_PASSES) {
    const fixable = findings.filter((f) => f.fixable && f.fix?.length);
    if (fixable.length === 0) break;
    const pass = compatibleFixes(current, fixable);
    const next = applyEdits(current, pass.edits).text;
    if (next === current) break;
    passes++;
    let nextFindings: Finding[];
    try {
      nextFindings = await lintText(next, file, options);
    } catch (err) {
      if (!(err instanceof WhittleError)) throw err;
      return { text: current, fixed, remaining: findings, passes, rejected: { findings: pass.findings, error: err.format() } };
    }
    fixed.push(...pass.findings);
    current = next;
    findings = nextFindings;
  }
  return { text: current, fixed, remaining: findings, passes };
}
