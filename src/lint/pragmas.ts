/** Inline ignore pragmas: `# whittle ignore=a,b` (next instruction), `# whittle global ignore=a,b` (whole file); hadolint's spelled the same. */
import type { Dockerfile } from '../dockerfile/model.js';

export interface Pragmas {
  /** Rule ids or aliases ignored in the whole file. */
  global: Set<string>;
  /** 1-based line of an instruction's first line to the rule ids or aliases ignored on it. */
  byLine: Map<number, Set<string>>;
  /** Every pragma comment with its position (for the rule that reports inline pragmas, DL1001). */
  comments: { line: number; column: number; endColumn: number; tool: 'whittle' | 'hadolint'; global: boolean; rules: string[] }[];
}

const PRAGMA = /^\s*(whittle|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*$/i;

export function readPragmas(df: Dockerfile): Pragmas {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const comments: Pragmas['comments'] = [];
  // Only needed when a comment is a pragma, which most files have none of.
  let instructionLines: number[] | undefined;
  for (const comment of df.comments) {
    const m = PRAGMA.exec(comment.text);
    if (!m) continue;
    const tool = m[1]!.toLowerCase() as 'whittle' | 'hadolint';
    const isGlobal = Boolean(m[2]);
    const rules = m[3]!.split(',').map((r) => r.trim()).filter(Boolean);
    comments.push({ line: comment.range.start.line, column: comment.range.start.column, endColumn: comment.range.end.column, tool, global: isGlobal, rules });
    if (isGlobal) {
      for (const r of rules) global.add(r.toLowerCase());
      continue;
    }
    // The pragma covers the first instruction that starts after it (comments and blank lines may sit between).
    instructionLines ??= df.instructions.map((i) => i.range.start.line).sort((a, b) => a - b);
    const next = instructionLines.find((l) => l > comment.range.start.line);
    if (next === undefined) continue;
    const set = byLine.get(next) ?? new Set<string>();
    for (const r of rules) set.add(r.toLowerCase());
    byLine.set(next, set);
  }
  return { global, byLine, comments };
}
