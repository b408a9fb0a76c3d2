/**
 * Regenerates a Dockerfile from its nodes: directives, top-level comments, instructions and the whitespace
 * trivia between them. Throws when the nodes do not tile the file exactly, which is what makes the round
 * trip a proof that every range is right.
 */
import type { Dockerfile } from './model.js';

interface Piece {
  start: number;
  end: number;
  text: string;
  what: string;
}

export function printDockerfile(df: Dockerfile): string {
  const pieces: Piece[] = [];
  for (const d of df.directives) {
    pieces.push({ start: d.range.start.offset, end: d.range.end.offset, text: d.text ?? `#${d.name}=${d.value}`, what: 'directive' });
  }
  const inside = (offset: number): boolean =>
    df.instructions.some((i) => i.range.start.offset <= offset && offset < i.range.end.offset);
  for (const c of df.comments) {
    if (inside(c.range.start.offset)) continue;
    pieces.push({ start: c.range.start.offset, end: c.range.end.offset, text: `#${c.text}`, what: 'comment' });
  }
  for (const i of df.instructions) pieces.push({ start: i.range.start.offset, end: i.range.end.offset, text: i.text, what: i.keyword });
  for (const t of df.trivia ?? []) {
    if (!/^[\uFEFF\s]*$/u.test(t.text)) throw new Error(`trivia at ${t.range.start.line}:${t.range.start.column} is not whitespace`);
    pieces.push({ start: t.range.start.offset, end: t.range.end.offset, text: t.text, what: 'trivia' });
  }
  pieces.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const p of pieces) {
    if (p.start !== at) throw new Error(`${p.what} starts at offset ${p.start}, expected ${at}: the nodes do not tile the file`);
    if (p.text.length !== p.end - p.start) throw new Error(`${p.what} at offset ${p.start}: text does not match its range`);
    out += p.text;
    at = p.end;
  }
  return out;
}
