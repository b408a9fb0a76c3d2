/**
 * A port of BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): the word processing Docker applies to
 * ENV, ARG, FROM, COPY ... arguments. Written by hand because no JS library implements BuildKit's dialect
 * (it is not POSIX sh: `\` escapes depend on the `# escape=` directive, no globbing, no command substitution).
 */
import { isSpace } from './words.js';

export class ShellLexError extends Error {
  override name = 'ShellLexError';
}

export interface LexOptions {
  escapeToken?: string;
  /** Keep quote characters in the result (used for heredoc detection). */
  rawQuotes?: boolean;
  /** Keep escape characters in the result. */
  rawEscapes?: boolean;
  /** Leave `$NAME` untouched when NAME is unset. */
  skipUnsetEnv?: boolean;
  /** Do not treat quotes specially. */
  skipProcessQuotes?: boolean;
}

export interface LexResult {
  value: string;
  words: string[];
  /** Names looked up and found. */
  matched: Set<string>;
  /** Names looked up and not found. */
  unmatched: Set<string>;
}

type Env = (name: string) => string | undefined;

const EOF = '';

/** BuildKit's wordsStruct: collects whitespace-separated words, raw characters never split. */
class Words {
  words: string[] = [];
  word = '';
  inWord = false;
  addChar(ch: string): void {
    const space = isSpace(ch);
    if (space && this.inWord) {
      if (this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else if (!space) {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch: string): void {
    this.word += ch;
    this.inWord = true;
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string): void {
    this.word += s;
    this.inWord = true;
  }
  getWords(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class ShellWord {
  private pos = 0;
  private readonly chars: string[];
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private readonly escape: string;

  constructor(
    input: string,
    private readonly env: Env,
    private readonly options: LexOptions,
  ) {
    this.chars = Array.from(input);
    this.escape = options.escapeToken ?? '\\';
  }

  private peek(): string {
    return this.pos < this.chars.length ? this.chars[this.pos]! : EOF;
  }
  private next(): string {
    return this.pos < this.chars.length ? this.chars[this.pos++]! : EOF;
  }

  private getEnv(name: string): { value: string; set: boolean } {
    const v = this.env(name);
    if (v !== undefined) {
      this.matched.add(name);
      return { value: v, set: true };
    }
    this.unmatched.add(name);
    return { value: '', set: false };
  }

  private rawEscapes = false;

  process(): { value: string; words: string[] } {
    this.rawEscapes = this.options.rawEscapes ?? false;
    return this.processStopOn(EOF, this.rawEscapes);
  }

  private processStopOn(stopChar: string, rawEscapes: boolean): { value: string; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      const words = new Words();
      while (this.peek() !== EOF) {
        const ch = this.peek();
        if (stopChar !== EOF && ch === stopChar) {
          this.next();
          return { value: result, words: words.getWords() };
        }
        if (ch === '$') {
          const tmp = this.processDollar();
          result += tmp;
          words.addString(tmp);
        } else if (!this.options.skipProcessQuotes && (ch === "'" || ch === '"')) {
          const tmp = ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          words.addRawString(tmp);
        } else {
          let c = this.next();
          if (c === this.escape) {
            if (this.rawEscapes) {
              words.addRawChar(c);
              result += c;
            }
            c = this.next();
            if (c === EOF) break;
            words.addRawChar(c);
          } else {
            words.addChar(c);
          }
          result += c;
        }
      }
      if (stopChar !== EOF) throw new ShellLexError(`unexpected end of statement while looking for matching ${stopChar}`);
      return { value: result, words: words.getWords() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    let result = '';
    let ch = this.next();
    if (this.options.rawQuotes) result += ch;
    for (;;) {
      ch = this.next();
      if (ch === EOF) throw new ShellLexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.options.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new ShellLexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = this.next();
        if (this.options.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const n = this.peek();
        if (n === EOF) continue;
        // Only ", $ and the escape character can be escaped; other escapes stay as written.
        if (n === '"' || n === '$' || n === this.escape) ch = this.next();
      }
      result += ch;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && /\p{Nd}/u.test(ch)) {
        while (this.peek() !== EOF && /\p{Nd}/u.test(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && '@*#?-$!0'.includes(ch)) {
        return this.next();
      }
      if (!/[\p{L}\p{Nd}_]/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }

  private wordUntil(stop: string, rawEscapes: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, rawEscapes).value;
    } catch (e) {
      if (this.peek() === EOF) throw new ShellLexError(missing);
      throw e;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const { value, set } = this.getEnv(name);
      if (!set && this.options.skipUnsetEnv) return '$' + name;
      return value;
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ShellLexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ShellLexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch;
    let nullIsUnset = false;
    if (ch === '}') {
      const { value, set } = this.getEnv(name);
      if (!set && this.options.skipUnsetEnv) return `\${${name}}`;
      return value;
    }
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      chs += ch;
    } else if (ch === '/') {
      const all = this.peek() === '/';
      if (all) this.next();
      const pattern = this.wordUntil('/', true, "syntax error: missing '/' in ${}");
      const replacement = this.wordUntil('}', true, "syntax error: missing '}'");
      const { value, set } = this.getEnv(name);
      if (this.options.skipUnsetEnv && !set) return `\${${name}/${pattern}/${replacement}}`;
      return replacePattern(value, pattern, replacement, all);
    }
    // BuildKit reports `${A` as "unsupported modifier (\uFFFD)"; naming the missing brace helps more.
    if (ch === EOF) throw new ShellLexError("syntax error: missing '}'");
    if (!'+-?#%'.includes(ch)) throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
    let word = this.wordUntil('}', ch === '#' || ch === '%', "syntax error: missing '}'");
    const { value, set } = this.getEnv(name);
    if (this.options.skipUnsetEnv && !set) return `\${${name}${chs}${word}}`;
    const empty = !set || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return empty ? word : value;
      case '+':
        return empty ? '' : word;
      case '?':
        if (!set) throw new ShellLexError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (nullIsUnset && value === '') throw new ShellLexError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      default: {
        // %/# remove the shortest match, %%/## the longest.
        let greedy = false;
        if (word.startsWith(ch)) {
          greedy = true;
          word = word.slice(1);
        }
        return ch === '%' ? trimSuffix(word, value, greedy) : trimPrefix(word, value, greedy);
      }
    }
  }
}

type GlobToken = { kind: 'lit'; ch: string } | { kind: 'any' } | { kind: 'star' };

/**
 * BuildKit's wildcard patterns (convertShellPatternToRegex): `*`, `?`, `\` escapes, no bracket expressions.
 * Matched with a state-set simulation instead of a backtracking RegExp, so a hostile pattern cannot hang the
 * linter (BuildKit's RE2 is linear too).
 */
function globTokens(pattern: string): GlobToken[] {
  const out: GlobToken[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') out.push({ kind: 'star' });
    else if (c === '?') out.push({ kind: 'any' });
    else if (c === '\\') {
      const next = chars[i + 1];
      if (next === '}' || next === '/') continue;
      i++;
      if (next !== '*' && next !== '?' && next !== '\\') {
        throw new ShellLexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${next ?? ''}'`);
      }
      out.push({ kind: 'lit', ch: next });
    } else out.push({ kind: 'lit', ch: c });
  }
  return out;
}

function closure(tokens: readonly GlobToken[], states: Set<number>): Set<number> {
  for (const j of [...states]) {
    let k = j;
    while (k < tokens.length && tokens[k]!.kind === 'star') states.add(++k);
  }
  return states;
}

/** Lengths of the prefixes of `chars` (from `from`) that the whole pattern matches, in increasing order. */
function matchingPrefixEnds(tokens: readonly GlobToken[], chars: readonly string[], from: number, budget: { steps: number }): number[] {
  const ends: number[] = [];
  let states = closure(tokens, new Set([0]));
  for (let i = from; ; i++) {
    if (states.has(tokens.length)) ends.push(i);
    if (i >= chars.length || states.size === 0) break;
    const c = chars[i]!;
    const next = new Set<number>();
    for (const j of states) {
      if (--budget.steps < 0) return ends;
      const t = tokens[j];
      if (!t) continue;
      if (t.kind === 'star') next.add(j);
      else if (t.kind === 'any' || t.ch === c) next.add(j + 1);
    }
    states = closure(tokens, next);
  }
  return ends;
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const chars = Array.from(value);
  const ends = matchingPrefixEnds(globTokens(pattern), chars, 0, { steps: 5_000_000 });
  if (ends.length === 0) return value;
  return chars.slice(greedy ? ends[ends.length - 1]! : ends[0]!).join('');
}

/** Reverses a pattern keeping `\x` escapes in order, so a suffix search becomes a prefix search. */
function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const out: string[] = new Array(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i]!;
    const at = last - i;
    if (tok === '\\' && i !== last) {
      out[at - 1] = tok;
      out[at] = runes[i + 1]!;
      i += 2;
    } else {
      out[at] = tok;
      i++;
    }
  }
  return out.join('');
}

const reverse = (s: string): string => Array.from(s).reverse().join('');

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
}

/** `${var/pattern/replacement}` and `${var//pattern/replacement}`: leftmost, longest matches. */
function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  const tokens = globTokens(pattern);
  const chars = Array.from(value);
  const budget = { steps: 5_000_000 };
  let out = '';
  let i = 0;
  let replaced = false;
  let lastEnd = -1;
  while (i <= chars.length) {
    if (budget.steps < 0) return value;
    const ends = all || !replaced ? matchingPrefixEnds(tokens, chars, i, budget) : [];
    const end = ends[ends.length - 1];
    // As Go's ReplaceAll: no empty match right where the previous match ended.
    if (end !== undefined && !(end === i && i === lastEnd)) {
      out += replacement;
      replaced = true;
      lastEnd = end;
      if (end > i) {
        i = end;
        continue;
      }
    }
    if (i < chars.length) out += chars[i];
    i++;
  }
  return out;
}

/**
 * True when lexWord's top level would copy the word unchanged: it has no `$`, no quote and no escape character,
 * the only characters the lexer acts on outside quotes. Callers skip the lexer for such words (most of them).
 */
export function isPlainWord(word: string, escape: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === '$' || c === "'" || c === '"' || c === escape) return false;
  }
  return true;
}

/** Processes one word (quotes removed, escapes applied, variables expanded). Throws ShellLexError. */
export function lexWord(word: string, env: Env, options: LexOptions = {}): LexResult {
  const sw = new ShellWord(word, env, options);
  let processed: { value: string; words: string[] };
  try {
    processed = sw.process();
  } catch (e) {
    // Substitutions nest by recursion; a hostile word must not crash the caller.
    if (e instanceof RangeError) throw new ShellLexError('substitution nested too deeply');
    throw e;
  }
  const { value, words } = processed;
  return { value, words, matched: sw.matched, unmatched: sw.unmatched };
}

/** Processes a line into words (BuildKit's ProcessWords). Throws ShellLexError. */
export function lexWords(line: string, env: Env, options: LexOptions = {}): string[] {
  return lexWord(line, env, options).words;
}
