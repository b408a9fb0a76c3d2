/** The fix loop: apply the safe fixes as non-overlapping edits, re-parse and re-lint until nothing changes. */
import { applyEdits } from '../core/edits.js';
import type { TextEdit } from '../core/edits.js';
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
}

/** Ten passes is far beyond what any real file needs; the bound guarantees termination if two fixes ever fight. */
const MAX_PASSES = 10;

export async function fixText(text: string, file: string, options: LintOptions = {}): Promise<FixResult> {
  let current = text;
  const fixed: Finding[] = [];
  let passes = 0;
  for (;;) {
    const findings = await lintText(current, file, options);
    const fixable = findings.filter((f) => f.fixable && f.fix?.length);
    if (fixable.length === 0 || passes >= MAX_PASSES) return { text: current, fixed, remaining: findings, passes };
    passes++;
    // A finding's edits are applied all together or not at all, so a fix is never half-applied.
    const accepted: TextEdit[] = [];
    const acceptedFindings: Finding[] = [];
    for (const finding of fixable) {
      const edits = finding.fix!;
      const trial = applyEdits(current, [...accepted, ...edits]);
      if (trial.skipped.length === 0) {
        accepted.push(...edits);
        acceptedFindings.push(finding);
      }
    }
    const next = applyEdits(current, accepted).text;
    if (next === current) return { text: current, fixed, remaining: findings, passes };
    fixed.push(...acceptedFindings);
    current = next;
  }
}
