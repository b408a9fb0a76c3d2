/**
 * The Dockerfile parser, faithful to BuildKit's frontend/dockerfile/parser: directives, BOM, CRLF, the escape
 * character, continuations (comment and empty lines inside them skipped), heredocs, JSON/shell forms, stages.
 */
import { InputError } from '../core/errors.js';
import { LineIndex } from '../core/position.js';
import { rememberLineIndex } from './line-index.js';
import { findHeredocs } from './heredoc.js';
import { buildInstruction, canContainHeredoc, fail, KEYWORDS, parseHead, unknownInstruction, type ParseContext } from './instructions.js';
import { LogicalLine, splitLines, type PhysicalLine } from './lines.js';
import type { ArgInstruction, Comment, Directive, Dockerfile, EscapeChar, Heredoc, Instruction, Trivia } from './model.js';
import { analyzeShells } from './shell.js';
import { buildStages } from './stages.js';

export interface ParseOptions {
  buildArgs?: Record<string, string>;
  /**
   * Throw BuildKit's errors for misplaced instructions too (`ONBUILD ONBUILD`, `ONBUILD FROM`, `ONBUILD MAINTAINER`,
   * instructions before the first FROM). Off by default: lint rules (DL3043, DL3061) report those with a fix hint,
   * and the parser keeps the instruction (stageIndex -1 before FROM; the trigger nested as usual).
   */
  strict?: boolean;
}

/**
 * BuildKit's directive regexp `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, matched by hand: in a backtracking
 * engine the lazy value against trailing blanks is quadratic on a hostile line (Go's RE2 is linear).
 */
function matchDirective(line: string): [name: string, value: string] | null {
  const ws = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
  if (line[0] !== '#') return null;
  let i = 1;
  while (ws(line[i])) i++;
  const nameStart = i;
  if (!/[a-zA-Z]/.test(line[i] ?? '')) return null;
  while (/[a-zA-Z0-9]/.test(line[i] ?? '')) i++;
  const name = line.slice(nameStart, i);
  while (ws(line[i])) i++;
  if (line[i] !== '=') return null;
  i++;
  const afterEq = i;
  while (ws(line[i])) i++;
  let end = line.length;
  while (end > i && ws(line[end - 1])) end--;
  if (end > i) return [name, line.slice(i, end)];
  // Only blanks after `=`: the regexp hands the last one to the value.
  return line.length > afterEq ? [name, line.slice(line.length - 1)] : null;
}
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/**
 * BuildKit: the escape character ends a line as a continuation unless it is itself escaped (`foo \\\\`). One regexp
 * per escape character, compiled once (no g/y flag: exec keeps no state between files).
 */
const CONTINUATION: Record<EscapeChar, RegExp> = {
  '\\': /(^|[^\\])\\[ \t]*$/,
  '`': /(^|[^`])`[ \t]*$/,
};

/** Parses a Dockerfile and analyses the shell scripts of its RUN instructions. */
export async function parseDockerfile(text: string, file: string, options: ParseOptions = {}): Promise<Dockerfile> {
  const df = parseDockerfileSync(text, file, options);
  await analyzeShells(df);
  return df;
}

function leadingSpace(text: string, line: PhysicalLine): number {
  let i = line.start;
  while (i < line.end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Everything but the shell analysis (RUN `shell` fields stay empty). */
export function parseDockerfileSync(text: string, file: string, options: ParseOptions = {}): Dockerfile {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = splitLines(text, bom);
  const index = new LineIndex(text);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  const trivia: Trivia[] = [];
  const ctx: ParseContext = { file, text, lines: index, escape: '\\', strict: options.strict ?? false };
  const addTrivia = (start: number, end: number): void => {
    if (end <= start) return;
    const last = trivia[trivia.length - 1];
    if (last && last.range.end.offset === start) {
      last.text += text.slice(start, end);
      last.range = index.range(last.range.start.offset, end);
    } else {
      trivia.push({ text: text.slice(start, end), range: index.range(start, end) });
    }
  };
  addTrivia(0, bom);

  // Parser directives: only at the very top; the first line that is not one ends them.
  let li = 0;
  for (; li < lines.length; li++) {
    const line = lines[li]!;
    const start = leadingSpace(text, line);
    const m = matchDirective(text.slice(start, line.end));
    if (!m || !KNOWN_DIRECTIVES.has(m[0].toLowerCase())) break;
    const name = m[0].toLowerCase();
    if (directives.some((d) => d.name === name)) fail(ctx, start, `only one ${name} parser directive can be used`);
    const value = m[1];
    if (name === 'escape') {
      if (value !== '\\' && value !== '`') fail(ctx, start, `invalid escape token '${value}' does not match \` or \\`);
      ctx.escape = value as EscapeChar;
    }
    addTrivia(line.start, start);
    directives.push({ name, value, range: index.range(start, line.end), text: text.slice(start, line.end) });
    addTrivia(line.end, line.next);
  }

  const continuation = CONTINUATION[ctx.escape];
  const cut = (m: RegExpExecArray): number => m.index + m[1]!.length;
  const isComment = (line: PhysicalLine): boolean => text[leadingSpace(text, line)] === '#';
  const isBlank = (line: PhysicalLine): boolean => {
    for (let i = line.start; i < line.end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12 && !/\s/u.test(text[i]!)) return false;
    }
    return true;
  };
  const addComment = (line: PhysicalLine): void => {
    const hash = leadingSpace(text, line);
    comments.push({ text: text.slice(hash + 1, line.end), range: index.range(hash, line.end) });
  };

  let stageIndex = -1;
  let sawFrom = false;
  for (; li < lines.length; li++) {
    const first = lines[li]!;
    const start = leadingSpace(text, first);
    if (isBlank(first)) {
      addTrivia(first.start, first.next);
      continue;
    }
    if (isComment(first)) {
      addTrivia(first.start, start);
      addComment(first);
      addTrivia(first.end, first.next);
      continue;
    }
    // An instruction: join continuation lines.
    const pieces: { fileStart: number; text: string }[] = [];
    let content = text.slice(start, first.end);
    let m = continuation.exec(content);
    pieces.push({ fileStart: start, text: m ? content.slice(0, cut(m)) : content });
    let last = first;
    const emptyContinuationLines: number[] = [];
    while (m && li + 1 < lines.length) {
      const line = lines[++li]!;
      last = line;
      if (isComment(line)) {
        addComment(line);
        continue;
      }
      if (isBlank(line)) {
        emptyContinuationLines.push(line.index + 1);
        continue;
      }
      content = text.slice(line.start, line.end);
      m = continuation.exec(content);
      pieces.push({ fileStart: line.start, text: m ? content.slice(0, cut(m)) : content });
    }
    const logical = LogicalLine.build(pieces);
    const head = parseHead(logical);
    if (!KEYWORD_SET.has(head.keyword)) fail(ctx, start, unknownInstruction(head.rawKeyword));

    const heredocs: Heredoc[] = [];
    if (logical.text.includes('<<') && canContainHeredoc(ctx, head)) {
      for (const found of findHeredocs(logical.text)) {
        const opener = logical.toFile(found.start);
        const bodyStart = lines[li + 1]?.start ?? text.length;
        let terminated = false;
        let content = '';
        while (li + 1 < lines.length) {
          const line = lines[++li]!;
          last = line;
          let candidate = text.slice(line.start, line.end);
          if (found.stripTabs) candidate = candidate.replace(/^\t+/, '');
          if (candidate === found.name) {
            terminated = true;
            break;
          }
          // As BuildKit: each body line with its own line ending (CRLF kept).
          content += text.slice(line.start, line.next);
        }
        if (!terminated) fail(ctx, opener, 'unterminated heredoc');
        if (found.stripTabs) content = content.replace(/^\t+/gm, '');
        heredocs.push({
          name: found.name,
          stripTabs: found.stripTabs,
          quoted: found.quoted,
          content,
          contentRange: index.range(bodyStart, last.start),
          range: index.range(opener, last.end),
        });
      }
    }

    if (head.keyword === 'FROM') {
      stageIndex++;
      sawFrom = true;
    } else if (ctx.strict && !sawFrom && head.keyword !== 'ARG') {
      fail(ctx, start, 'no build stage in current context');
    }
    addTrivia(first.start, start);
    instructions.push(
      buildInstruction(ctx, { head, start, end: last.end, heredocs, stageIndex, emptyContinuationLines }),
    );
    addTrivia(last.end, last.next);
  }

  if (instructions.length === 0) throw new InputError('file with no instructions', file, 1, 1);
  if (!sawFrom) {
    const p = instructions[0]!.range.start;
    throw new InputError('dockerfile contains no stages to build', file, p.line, p.column);
  }

  comments.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const globalArgs = instructions.filter((i): i is ArgInstruction => i.keyword === 'ARG' && i.stageIndex < 0);
  const df: Dockerfile = {
    file,
    text,
    directives,
    escape: ctx.escape,
    instructions,
    comments,
    globalArgs,
    stages: [],
    trivia,
  };
  rememberLineIndex(df, index);
  df.stages = buildStages(df, options.buildArgs ?? {});
  return df;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function positionOfByte(bytes: Buffer, at: number): { line: number; column: number } {
  const before = bytes.subarray(0, at).toString('utf8');
  const index = new LineIndex(before);
  const p = index.position(before.length);
  return { line: p.line, column: p.column };
}

/** Decodes a Dockerfile's bytes; rejects binary content (NUL bytes) and invalid UTF-8 with a location. */
export function decodeDockerfile(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError('UTF-16 text is not supported: save the Dockerfile as UTF-8', file, 1, 1);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const p = positionOfByte(bytes, nul);
    throw new InputError('binary content (NUL byte): not a Dockerfile', file, p.line, p.column);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const p = positionOfByte(bytes, bad);
    throw new InputError(`invalid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')})`, file, p.line, p.column);
  }
  return bytes.toString('utf8');
}
