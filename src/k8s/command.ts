/**
 * A container's command line read for the process model: `sh -c SCRIPT` scripts split into statements.
 * src/dockerfile/shell.ts parses RUN instructions in Dockerfile ranges with tree-sitter (async, Dockerfile
 * model); a container command is one short string, so a quote-aware split on ; && || & and newlines is enough.
 */
import type { ContainerRef } from './model.js';
import { asArray } from './model.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

export function baseName(program: string): string {
  return program.replace(/^.*\//, '');
}

/** command + args as the runtime would run them (strings only); empty when the image's entrypoint is used. */
export function argvOf(container: ContainerRef): string[] {
  return [...asArray(container.spec.command), ...asArray(container.spec.args)].filter((a): a is string => typeof a === 'string');
}

/** The script of `sh -c SCRIPT` (flags like -c, -ec, -lc), or null when the command is no shell wrapper. */
export function shellScript(argv: readonly string[]): string | null {
  if (argv.length < 2 || !SHELLS.has(baseName(argv[0]!))) return null;
  const flag = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  if (flag === -1) return null;
  return argv[flag + 1] ?? null;
}

export interface Statement {
  text: string;
  /** Ended by a single `&`: runs in the background. */
  background: boolean;
}

/** Splits a script into statements at ; && || | & and newlines, outside quotes. */
export function statements(script: string): Statement[] {
  const out: Statement[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  const push = (background: boolean): void => {
    const text = current.trim();
    if (text) out.push({ text, background });
    current = '';
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') {
        current += c + (script[++i] ?? '');
        continue;
      }
      if (c === quote) quote = null;
      current += c;
      continue;
    }
    if (c === '\\') {
      current += c + (script[++i] ?? '');
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      current += c;
      continue;
    }
    if (c === '#' && (current === '' || /\s$/.test(current))) {
      while (i < script.length && script[i] !== '\n') i++;
      push(false);
      continue;
    }
    const next = script[i + 1];
    if (c === '&' && next === '&') {
      push(false);
      i++;
      continue;
    }
    if (c === '&' && next !== '>' && script[i - 1] !== '>' && script[i - 1] !== '<') {
      push(true);
      continue;
    }
    if (c === '|' || c === ';' || c === '\n') {
      if (c === '|' && next === '|') i++;
      push(false);
      continue;
    }
    current += c;
  }
  push(false);
  return out;
}

/** The program a statement runs (after variable assignments and `exec`), or ''. */
export function programOf(statement: string): string {
  const words = statement.split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
  if (words[i] === 'exec') i++;
  return baseName((words[i] ?? '').replace(/^["']|["']$/g, ''));
}

export const DOWNLOADERS = new Set(['curl', 'wget', 'aria2c', 'gsutil', 'aws', 'rclone']);

/** Programs that verify what was downloaded. */
export const VERIFY = /\b(sha(1|224|256|384|512)sum|md5sum|b2sum|b3sum|shasum|cksum)\b|\bgpg2?\b.*--verify|\bcosign\s+verify|\bminisign\b|--checksum/;

/** Every statement of a container's command: the shell script's, or the argv as one statement. */
export function commandStatements(container: ContainerRef): Statement[] {
  const argv = argvOf(container);
  const script = shellScript(argv);
  if (script !== null) return statements(script);
  return argv.length ? [{ text: argv.join(' '), background: false }] : [];
}

/** `aws s3 cp`, `gsutil cp`, `curl URL`, `wget URL`: fetches data from outside. */
export function isDownload(statement: string): boolean {
  const program = programOf(statement);
  if (!DOWNLOADERS.has(program)) return false;
  if (program === 'aws') return /\bs3\s+(cp|sync)\b/.test(statement);
  if (program === 'gsutil' || program === 'rclone') return /\b(cp|rsync|copy|sync)\b/.test(statement);
  // A health ping (`curl -f localhost:8080/health`) is no download.
  return /https?:\/\/|s3:\/\/|ftp:\/\//.test(statement) && !/\/\/(localhost|127\.0\.0\.1)[:/]/.test(statement);
}

/** A word of a command line read as `--flag=value` (inline) or `--flag value`, quotes stripped from both. */
export interface FlagWord {
  index: number;
  /** The word without its surrounding quotes. */
  unquoted: string;
  /** The word up to `=`, or the whole word. */
  flag: string;
  /** After `=`, or the next word ('' at the end). */
  value: string;
  inline: boolean;
}

const unquote = (word: string): string => word.replace(/^["']|["']$/g, '');

/** Every word of an argv (or a `sh -c` script split on spaces) as a flag and the value it would carry. */
export function flagWords(words: readonly string[]): FlagWord[] {
  return words.map((word, index) => {
    const unquoted = unquote(word);
    const eq = unquoted.indexOf('=');
    const inline = eq > 0;
    return {
      index,
      unquoted,
      flag: inline ? unquoted.slice(0, eq) : unquoted,
      value: unquote(inline ? unquoted.slice(eq + 1) : (words[index + 1] ?? '')),
      inline,
    };
  });
}
