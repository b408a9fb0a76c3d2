/** The source lines under a finding with carets under its column range, like a compiler's error output. */
import { LineIndex } from '../../core/position.js';

/** Lines of a multi-line finding shown before eliding the rest. */
const MAX_LINES = 3;
const TAB = '    ';

export interface FrameColors {
  gutter(s: string): string;
  caret(s: string): string;
}

const plain: FrameColors = { gutter: (s) => s, caret: (s) => s };

function lineText(text: string, index: LineIndex, line: number): string {
  const start = index.lineStart(line);
  const next = line < index.lineCount ? index.lineStart(line + 1) : text.length;
  return text.slice(start, next).replace(/\r?\n$|\r$/, '');
}

/** Width of a prefix once tabs are expanded, so carets line up with the displayed text. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch === '\t' ? TAB.length : 1;
  return w;
}

export function codeFrame(
  text: string,
  range: { line: number; column: number; endLine: number; endColumn: number },
  colors: FrameColors = plain,
  indent = '    ',
): string {
  const index = new LineIndex(text);
  let endLine = Math.min(range.endLine, index.lineCount);
  let endColumn = range.endColumn;
  // A range that ends at the start of a line really ends at the end of the line before.
  if (endLine > range.line && endColumn === 1) {
    endLine--;
    endColumn = lineText(text, index, endLine).length + 1;
  }
  const shownEnd = Math.min(endLine, range.line + MAX_LINES - 1);
  const width = String(shownEnd).length;
  const out: string[] = [];
  for (let line = range.line; line <= shownEnd; line++) {
    const src = lineText(text, index, line);
    const from = line === range.line ? range.column - 1 : src.length - src.trimStart().length;
    const to = line === endLine ? endColumn - 1 : src.length;
    const start = Math.min(from, src.length);
    const length = Math.max(1, displayWidth(src.slice(start, Math.max(start, to))));
    out.push(`${indent}${colors.gutter(`${String(line).padStart(width)} |`)} ${src.replace(/\t/g, TAB)}`);
    out.push(`${indent}${colors.gutter(`${' '.repeat(width)} |`)} ${' '.repeat(displayWidth(src.slice(0, start)))}${colors.caret('^'.repeat(length))}`);
  }
  if (shownEnd < endLine) out.push(`${indent}${colors.gutter(`${' '.repeat(width)} |`)} … ${endLine - shownEnd} more line(s)`);
  return out.join('\n');
}
