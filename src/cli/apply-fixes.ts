/** Writes fixed Dockerfiles (atomically) or shows them as a diff, and says what was fixed. */
import { createTwoFilesPatch } from 'diff';
import type { Finding } from '../core/finding.js';
import { writeFileAtomic } from './atomic-write.js';
import type { FileResult } from './lint-run.js';

/** "fixed 3 problems: apt-no-recommends, pip-no-cache-dir ×2". */
export function fixedSummary(fixed: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fixed) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const rules = [...counts].map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule)).join(', ');
  return `fixed ${fixed.length} problem${fixed.length === 1 ? '' : 's'}: ${rules}`;
}

export function unifiedDiff(result: FileResult): string {
  if (result.fixedText === null) return '';
  const name = result.input.display;
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, result.text, result.fixedText, undefined, undefined, { context: 3 });
}

export interface ApplyOutcome {
  /** Lines for the user, one per file that changed. */
  messages: string[];
  /** Fixed text of stdin, to print instead of writing a file. */
  stdinText: string | null;
}

/** Writes each changed file; stdin's fixed text is returned, not written. */
export async function applyFixes(results: readonly FileResult[]): Promise<ApplyOutcome> {
  const messages: string[] = [];
  let stdinText: string | null = null;
  for (const r of results) {
    if (r.fixedText === null) continue;
    if (r.input.path === null) stdinText = r.fixedText;
    else await writeFileAtomic(r.input.path, r.fixedText);
    messages.push(`${r.input.display}: ${fixedSummary(r.fixed)}`);
  }
  return { messages, stdinText };
}
