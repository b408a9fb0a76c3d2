/**
 * Word splitting as BuildKit's parser does it (parser/line_parsers.go, parser/parser.go), keeping the offsets
 * of every word in the logical line so rules get exact ranges.
 */

export interface Word {
  /** The word as BuildKit keeps it (quotes kept; see each splitter). */
  value: string;
  start: number;
  end: number;
}

/**
 * `/\s/u.test(ch)` for one character (or code point): ASCII answered from the code, the regexp only for the rest
 * (these run once per character of every instruction).
 */
export function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/u.test(ch);
}

/** BuildKit's reWhitespace `[\t\v\f\r ]+`, one character (by code). */
export function isBuildkitSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** Splits on runs of `[\t\v\f\r ]` (parseStringsWhitespaceDelimited). */
export function splitWhitespace(text: string, base = 0): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isBuildkitSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !isBuildkitSpace(text.charCodeAt(i))) i++;
    words.push({ value: text.slice(start, i), start: base + start, end: base + i });
  }
  return words;
}

/** Index of the first non-whitespace character at or after `from` (BuildKit's TrimSpace / unicode.IsSpace). */
export function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i]!)) i++;
  return i;
}

export function trimEnd(text: string, to: number): number {
  let i = to;
  while (i > 0 && isSpace(text[i - 1]!)) i--;
  return i;
}

export interface FlagWord extends Word {
  /** Offsets of the raw text including quotes. */
  rawStart: number;
  rawEnd: number;
}

/**
 * extractBuilderFlags: leading `--flag` words (quotes and `\` escapes processed), and where the rest starts.
 * `rest` is -1 when the line holds nothing but flags.
 */
export function extractBuilderFlags(line: string): { flags: FlagWord[]; rest: number } {
  const flags: FlagWord[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let wordStart = 0;
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= line.length; pos++) {
    const ch = pos < line.length ? line[pos]! : '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return { flags, rest: pos };
      phase = 'word';
      wordStart = pos;
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) flags.push({ value: word, start: wordStart, end: pos, rawStart: wordStart, rawEnd: pos });
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { flags, rest: pos };
        if (blankOK || word.length > 0) flags.push({ value: word, start: wordStart, end: pos, rawStart: wordStart, rawEnd: pos });
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      let c = ch;
      if (c === '\\') {
        if (pos + 1 === line.length) continue;
        pos++;
        c = line[pos]!;
      }
      word += c;
      continue;
    }
    // in quote
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    let c = ch;
    if (c === '\\') {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      pos++;
      c = line[pos]!;
    }
    word += c;
  }
  return { flags, rest: -1 };
}

/**
 * parseWords: whitespace-separated words where quotes group (and are kept) and the escape token protects the
 * next character (and is kept). Used for ENV, LABEL and ARG.
 */
export function parseWords(rest: string, escape: string): Word[] {
  const words: Word[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let start = 0;
  let quote = '';
  let blankOK = false;
  const chars = rest;
  for (let pos = 0; pos <= chars.length; ) {
    const atEnd = pos >= chars.length;
    const cp = atEnd ? 0 : chars.codePointAt(pos)!;
    let ch = atEnd ? '' : String.fromCodePoint(cp);
    let width = ch.length || 1;
    if (phase === 'spaces') {
      if (atEnd) break;
      if (isSpace(ch)) {
        pos += width;
        continue;
      }
      phase = 'word';
      start = pos;
    }
    if (atEnd) {
      if (blankOK || word.length > 0) words.push({ value: word, start, end: pos });
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (blankOK || word.length > 0) words.push({ value: word, start, end: pos });
        word = '';
        blankOK = false;
        pos += width;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + width === chars.length) {
          pos += width;
          continue;
        }
        word += ch;
        pos += width;
        ch = String.fromCodePoint(chars.codePointAt(pos)!);
        width = ch.length;
      }
      word += ch;
      pos += width;
      continue;
    }
    // in quote
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + width === chars.length) {
        phase = 'word';
        pos += width;
        continue;
      }
      pos += width;
      word += ch;
      ch = String.fromCodePoint(chars.codePointAt(pos)!);
      width = ch.length;
    }
    word += ch;
    pos += width;
  }
  return words;
}
