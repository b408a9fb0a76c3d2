/** The k8s fix loop (as src/lint/fix.ts): apply safe fixes as non-overlapping edits, re-load and re-check until stable. */
import { overlaps } from '../core/edits.js';
import type { TextEdit } from '../core/edits.js';
import { WhittleError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import type { K8sRunOptions } from './engine.js';
import { runChecks } from './engine.js';
import { loadManifests } from './load.js';
import type { K8sCheck } from './types.js';

export interface K8sFixResult {
  text: string;
  fixed: Finding[];
  remaining: Finding[];
  passes: number;
  /** Fixes that produced YAML that no longer loads (a bug): left out, the last loading text is kept. */
  rejected?: { findings: Finding[]; error: string };
}

const MAX_PASSES = 10;

export function checkText(text: string, file: string, checks: readonly K8sCheck[], options: K8sRunOptions): Finding[] {
  return runChecks(loadManifests(text, file), checks, options);
}

export function fixManifests(text: string, file: string, checks: readonly K8sCheck[], options: K8sRunOptions = {}): K8sFixResult {
  let current = text;
  let findings = checkText(current, file, checks, options);
  const fixed: Finding[] = [];
  let passes = 0;
  while (passes < MAX_PASSES) {
    const edits: TextEdit[] = [];
    const batch: Finding[] = [];
    for (const f of findings) {
      if (!f.fixable || !f.fix?.length) continue;
      // A finding's edits go in all together or wait for the next pass (same insertion point as another fix).
      // Checked edit against edit: building the text per finding was quadratic on big `helm template` output.
      if (f.fix.every((e, i) => !edits.some((a) => overlaps(a, e)) && !f.fix!.slice(0, i).some((a) => overlaps(a, e)))) {
        edits.push(...f.fix);
        batch.push(f);
      }
    }
    if (batch.length === 0) break;
    const next = applyDisjoint(current, edits);
    if (next === current) break;
    passes++;
    let nextFindings: Finding[];
    try {
      nextFindings = checkText(next, file, checks, options);
    } catch (err) {
      if (!(err instanceof WhittleError)) throw err;
      return { text: current, fixed, remaining: findings, passes, rejected: { findings: batch, error: err.format() } };
    }
    fixed.push(...batch);
    current = next;
    findings = nextFindings;
  }
  return { text: current, fixed, remaining: findings, passes };
}

/** Applies edits already known not to overlap in one pass (core applyEdits rebuilds the text per edit). */
function applyDisjoint(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.start), e.replacement);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
