/**
 * Shell analysis of RUN with tree-sitter-bash: simple commands, their words and connectors, with every range
 * in file coordinates. Nested `sh -c '...'` strings and heredoc bodies run by a shell are parsed too.
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { LineIndex, Range } from '../core/position.js';
import { findHeredocs } from './heredoc.js';
import { lineIndexOf } from './line-index.js';
import type { Dockerfile, Heredoc, Instruction, RunInstruction } from './model.js';
import type { Connector, ShellCommand, ShellScript, ShellWord } from './shell-model.js';

let parserPromise: Promise<Parser> | null = null;
/** The parser once loaded: later files use it without awaiting (each await is a trip through the microtask queue). */
let loadedParser: Parser | null = null;

/** The bash parser, loaded once on first use. */
export function bashParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    // V8 otherwise recompiles the whole grammar with TurboFan in the background and holds the process open for
    // seconds at exit (a one-file lint took 12 s instead of 2 s). The baseline compiler, compiling functions lazily
    // as they are first called, parses Dockerfiles fast enough. Must be set before the module is compiled.
    setFlagsFromString('--liftoff-only');
    setFlagsFromString('--wasm-lazy-compilation');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    loadedParser = parser;
    return parser;
  })();
  return parserPromise;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nice', 'nohup', 'exec', 'time', 'ionice', 'chroot', 'su']);
const CONNECTORS = new Set(['&&', '||', ';', '|', '&', '|&']);

function baseName(path: string): string {
  const b = path.slice(path.lastIndexOf('/') + 1);
  return b.replace(/\.exe$/i, '').toLowerCase();
}

export function isPosixShell(argv0: string): boolean {
  return POSIX_SHELLS.has(baseName(argv0.replace(/\\/g, '/')));
}

/** A source text for tree-sitter and the file offset of each of its characters (one past the end included). */
interface Source {
  text: string;
  /** File offset where the character at `index` starts. */
  toFile(index: number): number;
  /** File offset just past the character before `index`. */
  toFileEnd(index: number): number;
}

interface Walk {
  parser: Parser;
  df: Dockerfile;
  lines: LineIndex;
  out: ShellCommand[];
  hasPipe: boolean;
  hasError: boolean;
  budget: number;
}

/** Value of a word when it is literal, with where each value character starts and ends in the source. */
interface Literal {
  value: string;
  starts: number[];
  ends: number[];
}

/**
 * The literal value of a word without position maps: the common case, kept cheap. Every `type` and `endIndex`
 * read crosses into wasm, so callers that know them pass them in.
 */
function literalValue(node: Node, src: string, type = node.type, endIndex = node.endIndex): string | null {
  if (type === 'word' || type === 'number') {
    const raw = src.slice(node.startIndex, endIndex);
    if (!raw.includes('\\')) return /[*?[]/.test(raw) || raw.startsWith('~') ? null : raw;
  } else if (type === 'raw_string') {
    return src.slice(node.startIndex + 1, endIndex - 1);
  }
  return literalOf(node, src)?.value ?? null;
}

function literalOf(node: Node, src: string): Literal | null {
  const out: Literal = { value: '', starts: [], ends: [] };
  const push = (ch: string, start: number, end: number): void => {
    out.value += ch;
    out.starts.push(start);
    out.ends.push(end);
  };
  switch (node.type) {
    case 'word':
    case 'number': {
      const raw = src.slice(node.startIndex, node.endIndex);
      if (/[*?[]/.test(raw) || raw.startsWith('~')) return null;
      for (let i = 0; i < raw.length; i++) {
        const start = node.startIndex + i;
        if (raw[i] === '\\' && i + 1 < raw.length) {
          i++;
          if (raw[i] === '\n') continue;
        }
        push(raw[i]!, start, node.startIndex + i + 1);
      }
      return out;
    }
    case 'raw_string':
      for (let i = node.startIndex + 1; i < node.endIndex - 1; i++) push(src[i]!, i, i + 1);
      return out;
    case 'string': {
      for (const c of node.namedChildren) if (c && c.type !== 'string_content') return null;
      for (let i = node.startIndex + 1; i < node.endIndex - 1; i++) {
        const start = i;
        if (src[i] === '\\' && i + 1 < node.endIndex - 1 && '$`"\\\n'.includes(src[i + 1]!)) {
          i++;
          if (src[i] === '\n') continue;
        }
        push(src[i]!, start, i + 1);
      }
      return out;
    }
    case 'concatenation': {
      let pos = node.startIndex;
      for (const c of node.children) {
        if (!c) continue;
        if (c.startIndex !== pos) return null;
        const part = literalOf(c, src);
        if (!part) return null;
        out.value += part.value;
        out.starts.push(...part.starts);
        out.ends.push(...part.ends);
        pos = c.endIndex;
      }
      return pos === node.endIndex ? out : null;
    }
    default:
      return null;
  }
}

function fileRange(w: Walk, source: Source, start: number, end: number): Range {
  const a = source.toFile(start);
  const b = end > start ? source.toFileEnd(end) : a;
  return w.lines.range(a, b);
}

function makeWord(w: Walk, source: Source, node: Node, type = node.type): ShellWord {
  const endIndex = node.endIndex;
  const raw = source.text.slice(node.startIndex, endIndex);
  const lit = literalValue(node, source.text, type, endIndex);
  return { value: lit ?? raw, raw, literal: lit !== null, range: fileRange(w, source, node.startIndex, endIndex) };
}

const ARGUMENT_TYPES = new Set([
  'word', 'string', 'raw_string', 'concatenation', 'simple_expansion', 'expansion', 'command_substitution',
  'number', 'ansi_c_string', 'translated_string', 'arithmetic_expansion', 'process_substitution', 'brace_expression',
]);

/** Commands found in a node, in order; connectors within sequences are filled in. */
function visit(w: Walk, source: Source, node: Node, depth: number, type = node.type): ShellCommand[] {
  if (--w.budget < 0) return [];
  switch (type) {
    case 'command':
      return simpleCommand(w, source, node, depth);
    case 'declaration_command':
    case 'unset_command':
      return declaration(w, source, node, depth);
    case 'subshell':
    case 'command_substitution':
    case 'process_substitution':
    case 'function_definition':
    case 'if_statement':
    case 'for_statement':
    case 'c_style_for_statement':
    case 'while_statement':
    case 'case_statement':
      return sequence(w, source, node, depth + 1, type);
    default:
      return sequence(w, source, node, depth, type);
  }
}

/** Children run one after another (program, list, pipeline, bodies): link them with their operators. */
function sequence(w: Walk, source: Source, node: Node, depth: number, nodeType = node.type): ShellCommand[] {
  const all: ShellCommand[] = [];
  let prev: ShellCommand[] = [];
  // The previous statement: its end row is read (a call into wasm) only when no operator joins it to the next.
  let prevNode: Node | null = null;
  let op: Connector | null = null;
  const pipeline = nodeType === 'pipeline';
  if (pipeline) w.hasPipe = true;
  for (const child of node.children) {
    if (!child) continue;
    // Read once: each read crosses into wasm.
    const type = child.type;
    if (!child.isNamed) {
      if (CONNECTORS.has(type)) op = (type === '|&' ? '|' : type) as Connector;
      continue;
    }
    if (type === 'comment' || type === 'heredoc_body') continue;
    const cmds = visit(w, source, child, depth, type);
    if (pipeline) for (const c of cmds) c.inPipeline = true;
    if (cmds.length === 0) continue;
    // The operator joins the last command at the statement's outermost level (the subshell's last command
    // for `(a; b) && c`, not the $(...) inside an argument) to the statement's first command.
    let minDepth = Infinity;
    for (const c of cmds) minDepth = Math.min(minDepth, c.depth);
    const outer = cmds.filter((c) => c.depth === minDepth);
    if (prev.length > 0) {
      const connector: Connector | null = op ?? (child.startPosition.row > (prevNode ? prevNode.endPosition.row : -1) ? 'newline' : null);
      const last = prev[prev.length - 1]!;
      const first = cmds[0]!;
      if (connector) {
        if (last.connectorAfter === null) last.connectorAfter = connector;
        if (first.connectorBefore === null) first.connectorBefore = connector;
      }
    }
    prev = outer;
    prevNode = child;
    op = null;
    all.push(...cmds);
  }
  if (op === '&' && prev.length > 0 && prev[prev.length - 1]!.connectorAfter === null) prev[prev.length - 1]!.connectorAfter = '&';
  return all;
}

/**
 * Where a command ends, trailing redirections included. tree-sitter-bash attaches `a && b > f` redirections to
 * the whole list; the shell applies them to the last command, so they extend that command.
 */
function commandEnd(node: Node): number {
  let end = node.endIndex;
  // The end of the node below `p`, carried up rather than read again (each read crosses into wasm).
  let childEnd = end;
  for (let p = node.parent; p; p = p.parent) {
    const type = p.type;
    if (type === 'redirected_statement') {
      const body = p.childForFieldName('body');
      if (!body || body.endIndex !== end) break;
      end = p.endIndex;
      childEnd = end;
    } else if (type === 'list' || type === 'pipeline') {
      const parentEnd = p.endIndex;
      if (parentEnd !== childEnd) break;
      childEnd = parentEnd;
    } else break;
  }
  return end;
}

function newCommand(w: Walk, source: Source, node: Node, words: ShellWord[], depth: number): ShellCommand {
  const range = fileRange(w, source, node.startIndex, commandEnd(node));
  return {
    name: words[0]?.value ?? '',
    words,
    args: words.slice(1),
    assignments: [],
    connectorBefore: null,
    connectorAfter: null,
    inPipeline: false,
    depth,
    range,
    text: w.df.text.slice(range.start.offset, range.end.offset),
  };
}

function simpleCommand(w: Walk, source: Source, node: Node, depth: number): ShellCommand[] {
  const words: ShellWord[] = [];
  const assignments: { name: string; value: string }[] = [];
  const nested: ShellCommand[] = [];
  const wordNodes: Node[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    const type = child.type;
    if (type === 'variable_assignment') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      const lit = value ? literalValue(value, source.text) : null;
      assignments.push({
        name: name ? source.text.slice(name.startIndex, name.endIndex) : '',
        value: value ? (lit ?? source.text.slice(value.startIndex, value.endIndex)) : '',
      });
      if (value) nested.push(...nestedIn(w, source, value, depth));
    } else if (type === 'command_name') {
      const inner = child.namedChildren[0] ?? child;
      const innerType = inner.type;
      const word = makeWord(w, source, inner, innerType);
      words.push(word);
      wordNodes.push(inner);
      nested.push(...nestedIn(w, source, inner, depth, innerType, word.raw));
    } else if (ARGUMENT_TYPES.has(type)) {
      const word = makeWord(w, source, child, type);
      words.push(word);
      wordNodes.push(child);
      nested.push(...nestedIn(w, source, child, depth, type, word.raw));
    } else {
      nested.push(...nestedIn(w, source, child, depth, type));
    }
  }
  if (words.length === 0) return nested;
  const cmd = newCommand(w, source, node, words, depth);
  cmd.assignments = assignments;
  const shellScript = shellCArgument(words);
  if (shellScript !== undefined) {
    const node = wordNodes[shellScript]!;
    const lit = literalOf(node, source.text);
    if (lit) {
      const { starts, ends } = lit;
      const nestedSource: Source = {
        text: lit.value,
        toFile: (i) => (i < starts.length ? source.toFile(starts[i]!) : source.toFileEnd(ends[ends.length - 1] ?? node.endIndex)),
        toFileEnd: (i) => (i > 0 ? source.toFileEnd(ends[Math.min(i, ends.length) - 1]!) : source.toFile(starts[0] ?? node.startIndex)),
      };
      nested.push(...analyzeSource(w, nestedSource, depth + 1));
    }
  }
  return [cmd, ...nested];
}

/** Commands inside a word ($(...), <(...)). */
function nestedIn(
  w: Walk,
  source: Source,
  node: Node,
  depth: number,
  type = node.type,
  /** The node's text, when the caller has it already. */
  text?: string,
): ShellCommand[] {
  if (type === 'command_substitution' || type === 'process_substitution') return visit(w, source, node, depth, type);
  // Walking the tree is costly (every node crosses the wasm boundary): skip words that cannot hold a command.
  if (!/\$\(|`|[<>]\(/.test(text ?? source.text.slice(node.startIndex, node.endIndex))) return [];
  const out: ShellCommand[] = [];
  for (const c of node.namedChildren) if (c) out.push(...nestedIn(w, source, c, depth));
  return out;
}

function declaration(w: Walk, source: Source, node: Node, depth: number): ShellCommand[] {
  const keyword = node.children[0];
  if (!keyword) return [];
  const words: ShellWord[] = [makeWord(w, source, keyword)];
  const nested: ShellCommand[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    words.push(makeWord(w, source, child));
    nested.push(...nestedIn(w, source, child, depth));
  }
  return [newCommand(w, source, node, words, depth), ...nested];
}

/** Index of the script word in `sh -c 'script'` (also behind sudo/env/nice ...), when there is one. */
export function shellCArgument(words: readonly { value: string }[]): number | undefined {
  let i = 0;
  while (i < words.length && WRAPPERS.has(baseName(words[i]!.value)) && words[i]!.value !== 'su') {
    i++;
    while (i < words.length && (words[i]!.value.startsWith('-') || /^\w+=/.test(words[i]!.value))) i++;
  }
  if (i >= words.length) return undefined;
  const name = baseName(words[i]!.value);
  if (name === 'su') {
    for (let k = i + 1; k < words.length - 1; k++) if (words[k]!.value === '-c' || words[k]!.value === '--command') return k + 1;
    return undefined;
  }
  if (!POSIX_SHELLS.has(name)) return undefined;
  i++;
  if (name === 'busybox') {
    if (i >= words.length || !POSIX_SHELLS.has(words[i]!.value)) return undefined;
    i++;
  }
  let sawC = false;
  for (; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === '-o' || v === '+o' || v === '-O' || v === '+O' || v === '--rcfile' || v === '--init-file') {
      i++;
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) sawC = true;
      // `-o pipefail` and `-euxo pipefail`: the option name follows.
      if (/o$/i.test(v)) i++;
      continue;
    }
    if (v.startsWith('--')) continue;
    return sawC ? i : undefined;
  }
  return undefined;
}

function analyzeSource(w: Walk, source: Source, depth: number): ShellCommand[] {
  if (source.text.trim() === '' || w.budget < 0) return [];
  const tree = w.parser.parse(source.text);
  if (!tree) return [];
  try {
    if (tree.rootNode.hasError) w.hasError = true;
    return visit(w, source, tree.rootNode, depth);
  } catch (e) {
    // The walk recurses with the tree (`a && b && ...` nests lists); an absurdly deep script gets no analysis.
    if (!(e instanceof RangeError)) throw e;
    w.hasError = true;
    return [];
  } finally {
    tree.delete();
  }
}

/** Shell analysis of one RUN, given the shell in effect (SHELL instruction). */
export function analyzeRun(parser: Parser, df: Dockerfile, lines: LineIndex, run: RunInstruction, shell: readonly string[]): ShellScript {
  const w: Walk = { parser, df, lines, out: [], hasPipe: false, hasError: false, budget: 20000 };
  const posix = shell.length === 0 || isPosixShell(shell[0]!);
  const commands: ShellCommand[] = [];
  const command = run.command;
  if (command.form === 'exec') {
    const k = shellCArgument(command.argv.map((value) => ({ value })));
    const maps = command.argOffsetMaps;
    if (k !== undefined && maps?.[k]) {
      const map = maps[k]!;
      const pick = (i: number): number => map[Math.min(i, map.length - 1)]!;
      commands.push(...analyzeSource(w, { text: command.argv[k]!, toFile: pick, toFileEnd: pick }, 1));
    }
  } else if (posix) {
    // Heredoc openers are blanked out (same length) so the line parses; their bodies are parsed on their own.
    const openers = findHeredocs(command.script);
    let text = command.script;
    for (const o of openers) text = text.slice(0, o.wordStart) + ' '.repeat(o.end - o.wordStart) + text.slice(o.end);
    const toFile = command.toFileOffset;
    const main = analyzeSource(w, { text, toFile, toFileEnd: (i) => (i > 0 ? toFile(i - 1) + 1 : toFile(0)) }, 0);
    commands.push(...main);
    const onlyHeredocs = text.trim() === '';
    openers.forEach((o, i) => {
      const heredoc = run.heredocs[i];
      if (!heredoc) return;
      const at = command.toFileOffset(o.start);
      const atEnd = command.toFileOffset(o.end - 1) + 1;
      let depth: number | undefined;
      // BuildKit runs a lone heredoc's body with the shell, unless it starts with a shebang: then it runs that.
      if (onlyHeredocs) depth = i === 0 && shebangIsPosix(heredoc.content) ? 0 : undefined;
      else {
        const owner = owningCommand(w.df.text, main, at, atEnd);
        if (owner && isPosixShell(owner.name) && !owner.args.some((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a.value))) {
          depth = owner.depth + 1;
        }
      }
      if (depth !== undefined) commands.push(...heredocCommands(w, heredoc, depth));
    });
  }
  commands.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { commands, hasPipe: w.hasPipe, hasError: w.hasError };
}

/**
 * The command a heredoc opener belongs to: the one containing it, else the last one starting before it with only
 * blanks in between (`bash <<EOF`), else the next one after it (`<<EOF bash`).
 */
function owningCommand(text: string, commands: readonly ShellCommand[], opener: number, openerEnd: number): ShellCommand | undefined {
  let before: ShellCommand | undefined;
  let after: ShellCommand | undefined;
  for (const c of commands) {
    const start = c.range.start.offset;
    if (start <= opener && (!before || start >= before.range.start.offset)) before = c;
    if (start >= openerEnd && (!after || start < after.range.start.offset)) after = c;
  }
  const blank = (a: number, b: number): boolean => /^[\s\\`]*$/.test(text.slice(a, b));
  if (before && (before.range.end.offset >= opener || blank(before.range.end.offset, opener))) return before;
  if (after && blank(openerEnd, after.range.start.offset)) return after;
  return undefined;
}

/** True without a shebang, or when the shebang names a POSIX shell (`#!/bin/sh`, `#!/usr/bin/env bash`). */
function shebangIsPosix(content: string): boolean {
  if (!content.startsWith('#!')) return true;
  const words = content.slice(2, content.search(/\r?\n|$/)).trim().split(/\s+/);
  let program = words[0] ?? '';
  if (baseName(program) === 'env') program = words.slice(1).find((w) => !w.startsWith('-')) ?? '';
  return isPosixShell(program);
}

function heredocCommands(w: Walk, heredoc: Heredoc, depth: number): ShellCommand[] {
  const start = heredoc.contentRange.start.offset;
  const end = heredoc.contentRange.end.offset;
  const text = w.df.text.slice(start, end).replace(/\r/g, ' ');
  return analyzeSource(w, { text, toFile: (i) => start + i, toFileEnd: (i) => start + i }, depth);
}

/** Fills the `shell` of every RUN (ONBUILD RUN triggers included), following SHELL per stage. */
export async function analyzeShells(df: Dockerfile): Promise<void> {
  const runs = df.instructions.some((i) => i.keyword === 'RUN' || (i.keyword === 'ONBUILD' && i.trigger.keyword === 'RUN'));
  if (!runs) return;
  const parser = loadedParser ?? (await bashParser());
  const lines = lineIndexOf(df);
  const finalShell: (readonly string[])[] = [];
  for (const stage of df.stages) {
    let shell: readonly string[] = stage.baseStage !== undefined ? (finalShell[stage.baseStage] ?? ['/bin/sh', '-c']) : ['/bin/sh', '-c'];
    const visitInstruction = (ins: Instruction): void => {
      if (ins.keyword === 'SHELL' && ins.argv.length > 0) shell = ins.argv;
      else if (ins.keyword === 'RUN') ins.shell = analyzeRun(parser, df, lines, ins, shell);
      else if (ins.keyword === 'ONBUILD' && ins.trigger.keyword === 'RUN') {
        ins.trigger.shell = analyzeRun(parser, df, lines, ins.trigger, shell);
      }
    };
    for (const ins of stage.instructions) visitInstruction(ins);
    finalShell[stage.index] = shell;
  }
}
