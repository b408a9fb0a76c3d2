/** A suggestion shown with its exact replacement text: the affected lines before (-) and after (+). */
import { applyEdits } from '../../core/edits.js';
import type { Suggestion } from '../../core/finding.js';
import { LineIndex } from '../../core/position.js';

export interface PreviewLine {
  kind: '-' | '+';
  text: string;
}

export function suggestionPreview(text: string, suggestion: Suggestion): PreviewLine[] {
  if (suggestion.edits.length === 0) return [];
  const index = new LineIndex(text);
  const first = Math.min(...suggestion.edits.map((e) => e.start));
  const last = Math.max(...suggestion.edits.map((e) => e.end));
  const from = index.lineStart(index.position(first).line);
  const end = index.position(last);
  // An edit that ends at the start of a line (it took the line break before) does not touch that line.
  const lastLine = end.column === 1 && last > first ? Math.max(end.line - 1, index.position(first).line) : end.line;
  const to = lastLine < index.lineCount ? index.lineStart(lastLine + 1) : text.length;
  const before = text.slice(from, to);
  const shifted = suggestion.edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
  const after = applyEdits(before, shifted).text;
  const split = (s: string): string[] => s.replace(/\r?\n$/, '').split(/\r?\n/);
  return [...split(before).map((t) => ({ kind: '-' as const, text: t })), ...(after === '' ? [] : split(after).map((t) => ({ kind: '+' as const, text: t })))];
}
