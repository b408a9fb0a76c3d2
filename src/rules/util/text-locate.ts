/** Positions inside a Dockerfile's text for findings and fixes that point at part of an instruction. */
import type { LineIndex } from '../../core/position.js';
import { lineIndexOf } from '../../dockerfile/line-index.js';
import type { Range } from '../../core/position.js';
import type { Dockerfile } from '../../dockerfile/model.js';

/** The parser's line index for the file (shared, not rebuilt per rule). */
export function lineIndex(df: Dockerfile): LineIndex {
  return lineIndexOf(df);
}

export function rangeOf(df: Dockerfile, start: number, end: number): Range {
  return lineIndex(df).range(start, end);
}

/** Finds `needle` in the text between two offsets, from the left; -1 when absent. */
export function findIn(df: Dockerfile, needle: string, from: number, to: number): number {
  const at = df.text.indexOf(needle, from);
  return at >= 0 && at + needle.length <= to ? at : -1;
}

/** Finds `needle` in the text between two offsets, from the right; -1 when absent. */
export function findLastIn(df: Dockerfile, needle: string, from: number, to: number): number {
  const at = df.text.lastIndexOf(needle, to - needle.length);
  return at >= from ? at : -1;
}

/** The text of a 1-based line without its line break. */
export function lineText(df: Dockerfile, line: number): string {
  const index = lineIndex(df);
  const start = index.lineStart(line);
  const end = line < index.lineCount ? index.lineStart(line + 1) : df.text.length;
  return df.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

/** Re-cases a keyword like a reference spelling: all upper, all lower, or as given. */
export function caseLike(word: string, reference: string): string {
  if (reference === reference.toUpperCase()) return word.toUpperCase();
  if (reference === reference.toLowerCase()) return word.toLowerCase();
  return word;
}
