/**
 * A port of BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): the word processing Docker applies to
 * ENV, ARG, FROM, COPY ... arguments. Written by hand because no JS library implements BuildKit's dialect
 * (it is not POSIX sh: `\` escapes depend on the `# escape=` directive, no globbing, no command substitution).
 */

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
    if (/\s/u.test(ch) && this.inWord) {
      if (this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else if (!/\s/u.test(ch)) {
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

  process(): { value: string; words: string[] } {
    return this.processStopOn(EOF, this.options.rawEscapes ?? false);
  }

  private processStopOn(stopChar: string, rawEscapes: boolean): { value: string; words: string[] } {
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
          if (rawEscapes) {
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
        if (this.options.rawEscapes) result += ch;
        const n = this.peek();
        if (n === EOF) continue;
        if (n === '"' || n === '$' || n === this.escape) {
          ch = this.next();
        } else if (this.options.rawEscapes) {
          continue;
        }
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
      if (!/[\p{L}\p{N}_]/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }

  private wordUntilBrace(): string {
    try {
      return this.processStopOn('}', this.options.rawEscapes ?? false).value;
    } catch (e) {
      if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
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
    const ch = this.next();
    switch (ch) {
      case '}': {
        const { value, set } = this.getEnv(name);
        if (!set && this.options.skipUnsetEnv) return `\${${name}}`;
        return value;
      }
      case '?': {
        const word = this.wordUntilBrace();
        const { value, set } = this.getEnv(name);
        if (!set) {
          if (this.options.skipUnsetEnv) return `\${${name}?${word}}`;
          throw new ShellLexError(`${name}: ${word || 'is not allowed to be unset'}`);
        }
        return value;
      }
      case ':': {
        const modifier = this.next();
        const word = this.wordUntilBrace();
        const { value, set } = this.getEnv(name);
        switch (modifier) {
          case '+':
            if (!set && this.options.skipUnsetEnv) return `\${${name}:${modifier}${word}}`;
            return value !== '' ? word : value;
          case '-':
            if (!set && this.options.skipUnsetEnv) return `\${${name}:${modifier}${word}}`;
            return value === '' ? word : value;
          case '?':
            if (!set) throw new ShellLexError(`${name}: ${word || 'is not allowed to be unset'}`);
            if (value === '') throw new ShellLexError(`${name}: ${word || 'is not allowed to be empty'}`);
            return value;
          default:
            throw new ShellLexError(`unsupported modifier (${modifier}) in substitution`);
        }
      }
      case '+':
      case '-': {
        const word = this.wordUntilBrace();
        const { value, set } = this.getEnv(name);
        if (!set && this.options.skipUnsetEnv) return `\${${name}${ch}${word}}`;
        if (ch === '+') return set ? word : value;
        return set ? value : word;
      }
      case '#':
      case '%': {
        let longest = false;
        if (this.peek() === ch) {
          this.next();
          longest = true;
        }
        const pattern = this.wordUntilBrace();
        const { value, set } = this.getEnv(name);
        if (!set && this.options.skipUnsetEnv) return `\${${name}${ch}${longest ? ch : ''}${pattern}}`;
        return ch === '#' ? trimPrefix(value, pattern, longest) : trimSuffix(value, pattern, longest);
      }
      case '/': {
        let all = false;
        if (this.peek() === '/') {
          this.next();
          all = true;
        }
        const pattern = this.processStopOnEither();
        const replacement = pattern.stoppedOnSlash ? this.wordUntilBrace() : '';
        const { value, set } = this.getEnv(name);
        if (!set && this.options.skipUnsetEnv) return `\${${name}/${all ? '/' : ''}${pattern.value}/${replacement}}`;
        return replacePattern(value, pattern.value, replacement, all);
      }
      default:
        if (ch === EOF) throw new ShellLexError("syntax error: missing '}'");
        throw new ShellLexError(`unsupported modifier (${ch}) in substitution`);
    }
  }

  /** Reads a pattern up to `/` or `}` (for `${var/pattern/replacement}`). */
  private processStopOnEither(): { value: string; stoppedOnSlash: boolean } {
    let value = '';
    for (;;) {
      const ch = this.peek();
      if (ch === EOF) throw new ShellLexError("syntax error: missing '}'");
      if (ch === '/') {
        this.next();
        return { value, stoppedOnSlash: true };
      }
      if (ch === '}') {
        this.next();
        return { value, stoppedOnSlash: false };
      }
      if (ch === '$') {
        value += this.processDollar();
        continue;
      }
      let c = this.next();
      if (c === this.escape) {
        c = this.next();
        if (c === EOF) throw new ShellLexError("syntax error: missing '}'");
      }
      value += c;
    }
  }
}

/** Shell glob (`*`, `?`, `[...]`) to a RegExp source, as BuildKit's pattern removal uses path.Match-like globs. */
function globSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close > i + 1) {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!') || body.startsWith('^')) body = '^' + body.slice(1);
        out += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      } else out += '\\[';
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

function trimPrefix(value: string, pattern: string, longest: boolean): string {
  const re = new RegExp('^' + globSource(pattern) + '$');
  if (longest) {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  }
  return value;
}

function trimSuffix(value: string, pattern: string, longest: boolean): string {
  const re = new RegExp('^' + globSource(pattern) + '$');
  if (longest) {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  const re = new RegExp(globSource(pattern), all ? 'g' : '');
  return value.replace(re, () => replacement);
}

/** Processes one word (quotes removed, escapes applied, variables expanded). Throws ShellLexError. */
export function lexWord(word: string, env: Env, options: LexOptions = {}): LexResult {
  const sw = new ShellWord(word, env, options);
  const { value, words } = sw.process();
  return { value, words, matched: sw.matched, unmatched: sw.unmatched };
}

/** Processes a line into words (BuildKit's ProcessWords). Throws ShellLexError. */
export function lexWords(line: string, env: Env, options: LexOptions = {}): string[] {
  return lexWord(line, env, options).words;
}
