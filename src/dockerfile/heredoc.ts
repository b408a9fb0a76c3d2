/** Heredoc openers on an instruction line, as BuildKit finds them (heredocsFromLine / ParseHeredoc). */
import { lexWords, ShellLexError } from './lexer.js';
import { isSpace } from './words.js';

export interface HeredocOpener {
  name: string;
  stripTabs: boolean;
  quoted: boolean;
  /** File descriptor prefix (`3<<EOF`), 0 when absent. */
  fd: number;
  /** Offset of `<<` in the line. */
  start: number;
  /** Offset just past the opener word. */
  end: number;
  /** Offset of the opener word (a file descriptor prefix included). */
  wordStart: number;
}

const HEREDOC = /^(\d*)<<(-?)([^<]*)$/;

/** Words split on whitespace outside quotes, quotes and escapes kept (the lexer in RawQuotes/RawEscapes mode). */
function rawWords(line: string): { value: string; start: number }[] {
  const words: { value: string; start: number }[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    let quote = '';
    while (i < line.length) {
      const c = line[i]!;
      if (quote) {
        if (c === quote) quote = '';
        else if (c === '\\' && quote === '"') i++;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '\\') i++;
      else if (isSpace(c)) break;
      i++;
    }
    words.push({ value: line.slice(start, Math.min(i, line.length)), start });
  }
  return words;
}

const none = (): undefined => undefined;

export function findHeredocs(line: string): HeredocOpener[] {
  const out: HeredocOpener[] = [];
  // Every opener holds `<<`: most lines have none and need no word splitting.
  if (!line.includes('<<')) return out;
  for (const word of rawWords(line)) {
    const m = HEREDOC.exec(word.value);
    if (!m || m[3] === '') continue;
    const rest = m[3]!;
    let words: string[];
    let raw: string[];
    try {
      words = lexWords(rest, none);
      raw = lexWords(rest, none, { rawQuotes: true });
    } catch (e) {
      if (e instanceof ShellLexError) continue;
      throw e;
    }
    if (words.length !== 1 || raw.length !== 1) continue;
    const quotes = (s: string): number => (s.match(/['"]/g) ?? []).length;
    out.push({
      name: words[0]!,
      stripTabs: m[2] === '-',
      quoted: quotes(words[0]!) !== quotes(raw[0]!),
      fd: m[1] ? Number(m[1]) : 0,
      start: word.start + m[1]!.length,
      end: word.start + word.value.length,
      wordStart: word.start,
    });
  }
  return out;
}
