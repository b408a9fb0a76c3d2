/**
 * Typed instructions from logical lines, following BuildKit's parser dispatch table (parser/parser.go) and
 * its instruction checks (instructions/parse.go), including their error texts.
 */
import { InputError } from '../core/errors.js';
import type { LineIndex, Range } from '../core/position.js';
import type { ShellScript } from './shell-model.js';
import { LogicalLine } from './lines.js';
import { NotStringArrayError, parseJsonForm, type JsonString } from './json-form.js';
import { isPlainWord, lexWord, ShellLexError } from './lexer.js';
import type {
  ArgDeclaration,
  CommandForm,
  CopyInstruction,
  FromInstruction,
  EscapeChar,
  Flag,
  Heredoc,
  Instruction,
  KeyValue,
  Mount,
  OnbuildInstruction,
  RunInstruction,
} from './model.js';
import { parseGoDuration } from './duration.js';
import { parseMountValue } from './mount.js';
import { withSuggestion } from './suggest.js';
import { extractBuilderFlags, isBuildkitSpace, parseWords, skipSpace, splitWhitespace, trimEnd, type FlagWord } from './words.js';

export const KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

type FlagKind = 'string' | 'strings' | 'bool';
const FLAGS: Record<string, Record<string, FlagKind>> = {
  FROM: { platform: 'string' },
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  COPY: { from: 'string', chown: 'string', chmod: 'string', link: 'bool', parents: 'bool', exclude: 'strings' },
  ADD: {
    chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string',
    exclude: 'strings', unpack: 'bool', parents: 'bool',
  },
  HEALTHCHECK: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
};

export interface ParseContext {
  file: string;
  text: string;
  lines: LineIndex;
  escape: EscapeChar;
  /** Throw BuildKit's errors for misplaced instructions (ONBUILD FROM/MAINTAINER/ONBUILD, instructions before FROM). */
  strict: boolean;
}

/** What splitCommand + extractBuilderFlags give: keyword, flags and the argument text. */
export interface Head {
  line: LogicalLine;
  rawKeyword: string;
  keyword: string;
  keywordEnd: number;
  flags: FlagWord[];
  argsStart: number;
  argsEnd: number;
  args: string;
}

export function fail(ctx: ParseContext, offset: number, message: string): never {
  const p = ctx.lines.position(offset);
  throw new InputError(message, ctx.file, p.line, p.column);
}

export function parseHead(line: LogicalLine): Head {
  const text = line.text;
  let k = 0;
  while (k < text.length && !isBuildkitSpace(text.charCodeAt(k))) k++;
  const rawKeyword = text.slice(0, k);
  const restStart = skipSpace(text, k);
  const rest = text.slice(restStart);
  const { flags, rest: argsRel } = extractBuilderFlags(rest);
  for (const f of flags) {
    f.start += restStart;
    f.end += restStart;
    f.rawStart += restStart;
    f.rawEnd += restStart;
  }
  let argsStart = argsRel < 0 ? text.length : skipSpace(text, restStart + argsRel);
  const argsEnd = Math.max(argsStart, trimEnd(text, text.length));
  if (argsStart > argsEnd) argsStart = argsEnd;
  return {
    line,
    rawKeyword,
    keyword: rawKeyword.toUpperCase(),
    keywordEnd: k,
    flags,
    argsStart,
    argsEnd,
    args: text.slice(argsStart, argsEnd),
  };
}

/** JSON form as BuildKit decides it; the non-string-array error is raised at the arguments. */
export function jsonFormOf(ctx: ParseContext, head: Head): JsonString[] | null {
  try {
    return parseJsonForm(head.args);
  } catch (e) {
    if (e instanceof NotStringArrayError) fail(ctx, head.line.toFile(head.argsStart), e.message);
    throw e;
  }
}

/** RUN, COPY and ADD in shell form may carry heredocs (BuildKit's canContainHeredoc), also as ONBUILD triggers. */
export function canContainHeredoc(ctx: ParseContext, head: Head): boolean {
  if (head.keyword === 'ONBUILD') {
    // BuildKit looks one level down only.
    if (head.args === '') return false;
    const trigger = parseHead(head.line.slice(head.argsStart, head.argsEnd));
    return trigger.keyword !== 'ONBUILD' && canContainHeredoc(ctx, trigger);
  }
  if (!['RUN', 'COPY', 'ADD'].includes(head.keyword)) return false;
  return jsonFormOf(ctx, head) === null;
}

export interface BuildInput {
  head: Head;
  /** File offsets of the whole instruction (keyword through heredoc terminator). */
  start: number;
  end: number;
  heredocs: Heredoc[];
  stageIndex: number;
  emptyContinuationLines: number[];
}

type Base = Omit<Extract<Instruction, { keyword: 'USER' }>, 'keyword' | 'user'>;
// Each keyword's own fields are added to \`base\` in place (Object.assign), not spread into a copy: the copy cost
// more than the rest of the instruction. The keys come out in the same order either way.

export function buildInstruction(ctx: ParseContext, input: BuildInput): Instruction {
  const { head } = input;
  const line = head.line;
  const range = (a: number, b: number): Range => ctx.lines.range(line.toFile(a), line.toFileEnd(b));
  const flags = checkFlags(ctx, head);
  const base: Base & { emptyContinuationLines?: number[] } = {
    rawKeyword: head.rawKeyword,
    range: ctx.lines.range(input.start, input.end),
    keywordRange: range(0, head.keywordEnd),
    text: ctx.text.slice(input.start, input.end),
    flags,
    args: head.args,
    argsRange: argsRange(ctx, head),
    heredocs: input.heredocs,
    stageIndex: input.stageIndex,
  };
  if (input.emptyContinuationLines.length > 0) base.emptyContinuationLines = input.emptyContinuationLines;
  const err = (message: string, offset = head.argsStart): never => fail(ctx, line.toFile(offset), message);
  const flag = (name: string): string | undefined => {
    const f = flags.find((x) => x.name === name);
    return f ? (f.value ?? 'true') : undefined;
  };

  switch (head.keyword) {
    case 'FROM': {
      const words = splitWhitespace(head.args, head.argsStart);
      if (words.length === 0) err('FROM requires either one or three arguments', 0);
      if (words.length !== 1 && !(words.length === 3 && words[1]!.value.toLowerCase() === 'as')) {
        err('FROM requires either one or three arguments', words[0]!.start);
      }
      const image = words[0]!;
      const from: FromInstruction = Object.assign(base, {
        keyword: 'FROM' as const,
        image: image.value,
        imageRange: range(image.start, image.end),
        imageExpanded: image.value,
      });
      const platform = flag('platform');
      if (platform !== undefined) from.platform = platform;
      if (words.length === 3) {
        const name = words[2]!;
        if (!/^[a-z][a-z0-9-_.]*$/.test(name.value.toLowerCase())) {
          err(`invalid name for build stage: "${name.value}", name can't start with a number or contain symbols`, name.start);
        }
        from.stageName = name.value;
        from.stageNameRange = range(name.start, name.end);
        from.asKeyword = words[1]!.value;
      }
      return from;
    }
    case 'RUN': {
      if (head.args === '') err('RUN requires at least one argument', 0);
      const command = commandForm(ctx, head, line.slice(head.argsStart, head.argsEnd));
      const mounts: Mount[] = flags
        .filter((f) => f.name === 'mount')
        .map((f) => {
          const { type, fields } = parseMountValue(f.value ?? '');
          const m: Mount = { type, fields, range: f.range };
          if (fields['target'] !== undefined) m.target = fields['target'];
          if (fields['source'] !== undefined) m.source = fields['source'];
          if (fields['from'] !== undefined) m.from = fields['from'];
          if (fields['id'] !== undefined) m.id = fields['id'];
          return m;
        });
      const run: RunInstruction = Object.assign(base, { keyword: 'RUN' as const, command, mounts, shell: emptyShell() });
      const network = flag('network');
      if (network !== undefined) run.network = network;
      const security = flag('security');
      if (security !== undefined) run.security = security;
      return run;
    }
    case 'CMD':
    case 'ENTRYPOINT': {
      // BuildKit accepts an empty CMD/ENTRYPOINT (it resets the value); lint rules may flag it.
      return Object.assign(base, { keyword: head.keyword as 'CMD' | 'ENTRYPOINT', command: commandForm(ctx, head, line.slice(head.argsStart, head.argsEnd)) });
    }
    case 'COPY':
    case 'ADD': {
      const json = jsonFormOf(ctx, head);
      const words = json
        ? json.map((j) => ({ value: j.value, start: head.argsStart + j.start, end: head.argsStart + j.end }))
        : splitWhitespace(head.args, head.argsStart);
      const all = words.map((w) => w.value);
      if (all.length < 2) {
        err(`${head.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`, all.length ? head.argsStart : 0);
      }
      const dest = words[words.length - 1]!;
      if (!json && /^\d*<<-?[^<]+$/.test(dest.value)) err(`${head.keyword} cannot accept a heredoc as a destination`, dest.start);
      const copy: CopyInstruction = Object.assign(base, {
        keyword: head.keyword as 'COPY' | 'ADD',
        sources: all.slice(0, -1),
        destination: all[all.length - 1]!,
        form: json ? ('exec' as const) : ('shell' as const),
        link: flag('link') === 'true',
        sourceRanges: words.slice(0, -1).map((w) => range(w.start, w.end)),
        destinationRange: range(words[words.length - 1]!.start, words[words.length - 1]!.end),
      });
      const from = flag('from');
      if (from !== undefined) copy.from = from;
      const chown = flag('chown');
      if (chown !== undefined) copy.chown = chown;
      const chmod = flag('chmod');
      if (chmod !== undefined) copy.chmod = chmod;
      return copy;
    }
    case 'ENV':
    case 'LABEL': {
      const pairs = keyValues(ctx, head, range);
      if (pairs.length === 0) err(`${head.keyword} requires at least one argument`, 0);
      return Object.assign(base, { keyword: head.keyword as 'ENV' | 'LABEL', pairs });
    }
    case 'ARG': {
      const words = parseWords(head.args, ctx.escape);
      if (words.length === 0) err('ARG requires at least one argument', 0);
      const declarations: ArgDeclaration[] = words.map((w) => {
        const start = head.argsStart + w.start;
        const end = head.argsStart + w.end;
        const eq = w.value.indexOf('=');
        if (eq === 0) err('ARG names can not be blank', start);
        const d: ArgDeclaration & { rawDefault?: string; nameRange?: Range } = {
          name: eq < 0 ? w.value : w.value.slice(0, eq),
          range: range(start, end),
        };
        d.nameRange = range(start, start + (eq < 0 ? w.value.length : eq));
        if (eq >= 0) {
          d.rawDefault = w.value.slice(eq + 1);
          d.defaultValue = unquote(d.rawDefault, ctx.escape);
        }
        return d;
      });
      return Object.assign(base, { keyword: 'ARG' as const, declarations });
    }
    case 'EXPOSE': {
      const words = splitWhitespace(head.args, head.argsStart);
      if (words.length === 0) err('EXPOSE requires at least one argument', 0);
      const expose = Object.assign(base, { keyword: 'EXPOSE' as const, ports: words.map((w) => w.value) });
      return Object.assign(expose, { portRanges: words.map((w) => range(w.start, w.end)) });
    }
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
    case 'MAINTAINER': {
      if (head.args === '') err(`${head.keyword} requires exactly one argument`, 0);
      if (head.keyword === 'USER') return Object.assign(base, { keyword: 'USER' as const, user: head.args });
      if (head.keyword === 'WORKDIR') return Object.assign(base, { keyword: 'WORKDIR' as const, path: head.args });
      if (head.keyword === 'STOPSIGNAL') return Object.assign(base, { keyword: 'STOPSIGNAL' as const, signal: head.args });
      return Object.assign(base, { keyword: 'MAINTAINER' as const, maintainer: head.args });
    }
    case 'VOLUME': {
      const json = jsonFormOf(ctx, head);
      const paths = json ? json.map((j) => j.value) : splitWhitespace(head.args).map((w) => w.value);
      if (paths.length === 0 || paths.every((p) => p.trim() === '')) err('VOLUME requires at least one argument', 0);
      if (paths.some((p) => p.trim() === '')) err('VOLUME specified can not be an empty string');
      return Object.assign(base, { keyword: 'VOLUME' as const, paths, form: json ? ('exec' as const) : ('shell' as const) });
    }
    case 'SHELL': {
      const json = jsonFormOf(ctx, head);
      if (json === null || head.args === '') {
        if (head.args === '') err('SHELL requires at least one argument', 0);
        err('SHELL requires the arguments to be in JSON form');
      }
      if (json!.length === 0) err('SHELL requires at least one argument');
      return Object.assign(base, { keyword: 'SHELL' as const, argv: json!.map((j) => j.value) });
    }
    case 'HEALTHCHECK': {
      const words = splitWhitespace(head.args, head.argsStart);
      if (words.length === 0) err('HEALTHCHECK requires at least one argument', 0);
      const typ = words[0]!;
      const kind = typ.value.toUpperCase();
      if (kind === 'NONE') {
        if (words.length > 1) err('HEALTHCHECK NONE takes no arguments', words[1]!.start);
        return Object.assign(base, { keyword: 'HEALTHCHECK' as const, command: null });
      }
      if (kind !== 'CMD') err(`Unknown type "${typ.value}" in HEALTHCHECK (try CMD)`, typ.start);
      const cmdStart = skipSpace(line.text, typ.end);
      if (cmdStart >= head.argsEnd) err('Missing command after HEALTHCHECK CMD', typ.start);
      const sub: Head = { ...head, argsStart: cmdStart, args: line.text.slice(cmdStart, head.argsEnd) };
      checkHealthcheckFlags(ctx, flags);
      return Object.assign(base, { keyword: 'HEALTHCHECK' as const, command: commandForm(ctx, sub, line.slice(cmdStart, head.argsEnd)) });
    }
    case 'ONBUILD': {
      if (head.args === '') err('ONBUILD requires at least one argument', 0);
      const triggerLine = line.slice(head.argsStart, head.argsEnd);
      const triggerHead = parseHead(triggerLine);
      // Kept (for lint rules) one level deep; deeper chains are refused even when not strict.
      const chained = triggerHead.keyword === 'ONBUILD';
      if (chained && (ctx.strict || parseHead(triggerLine.slice(triggerHead.argsStart)).keyword === 'ONBUILD')) {
        err('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      }
      if (ctx.strict && (triggerHead.keyword === 'FROM' || triggerHead.keyword === 'MAINTAINER')) {
        err(`${triggerHead.keyword} isn't allowed as an ONBUILD trigger`);
      }
      if (!(KEYWORDS as readonly string[]).includes(triggerHead.keyword)) err(unknownInstruction(triggerHead.rawKeyword));
      const triggerStart = line.toFile(head.argsStart);
      const trigger = buildInstruction(ctx, {
        head: triggerHead,
        start: triggerStart,
        end: input.end,
        heredocs: input.heredocs,
        stageIndex: input.stageIndex,
        emptyContinuationLines: [],
      });
      const onbuild: OnbuildInstruction = Object.assign(base, { keyword: 'ONBUILD' as const, trigger });
      trigger.onbuildParent = onbuild;
      return onbuild;
    }
    default:
      return err(unknownInstruction(head.rawKeyword), 0);
  }
}

export function unknownInstruction(rawKeyword: string): string {
  return withSuggestion(`unknown instruction: ${rawKeyword}`, rawKeyword, KEYWORDS, false);
}

/** Durations parse with Go's syntax and are at least 1ms; retries is an integer of at least 1. */
function checkHealthcheckFlags(ctx: ParseContext, flags: readonly Flag[]): void {
  for (const f of flags) {
    const at = f.range.start.offset;
    const value = f.value ?? '';
    if (f.name === 'retries') {
      if (value === '') continue;
      if (!/^[+-]?\d+$/.test(value)) fail(ctx, at, `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
      if (Number(value) < 1) fail(ctx, at, `--retries must be at least 1 (not ${Number(value)})`);
    } else if (value !== '') {
      const d = parseGoDuration(value);
      if ('error' in d) fail(ctx, at, d.error);
      if (d.ms < 1) fail(ctx, at, `Interval ${JSON.stringify(f.name)} cannot be less than 1ms`);
    }
  }
}

function argsRange(ctx: ParseContext, head: Head): Range {
  const line = head.line;
  if (head.args === '') {
    const end = line.toFileEnd(trimEnd(line.text, line.text.length));
    return ctx.lines.range(end, end);
  }
  return ctx.lines.range(line.toFile(head.argsStart), line.toFileEnd(head.argsEnd));
}

export function emptyShell(): ShellScript {
  return { commands: [], hasPipe: false, hasError: false };
}

/** Exec form when the arguments are a JSON array of strings, else shell form. */
function commandForm(ctx: ParseContext, head: Head, argsLine: LogicalLine): CommandForm {
  const json = jsonFormOf(ctx, head);
  const r = ctx.lines.range(argsLine.toFile(0), argsLine.toFileEnd(argsLine.text.length));
  if (json) {
    const form: CommandForm & { argRanges?: Range[]; argOffsetMaps?: number[][] } = { form: 'exec', argv: json.map((j) => j.value), range: r };
    form.argRanges = json.map((j) => ctx.lines.range(argsLine.toFile(j.start), argsLine.toFileEnd(j.end)));
    form.argOffsetMaps = json.map((j) => j.map.map((o) => argsLine.toFile(o)));
    return form;
  }
  return { form: 'shell', script: argsLine.text, range: r, toFileOffset: (o: number) => argsLine.toFile(o) };
}

/** BuildKit never validates the flags of these (their parsers do not call BFlags.Parse). */
function flagsUnchecked(head: Head): boolean {
  if (head.keyword === 'STOPSIGNAL' || head.keyword === 'ARG') return true;
  return head.keyword === 'HEALTHCHECK' && /^none$/i.test(splitWhitespace(head.args)[0]?.value ?? '');
}

function checkFlags(ctx: ParseContext, head: Head): Flag[] {
  const allowed = FLAGS[head.keyword] ?? {};
  const unchecked = flagsUnchecked(head);
  const seen = new Set<string>();
  const out: Flag[] = [];
  for (const f of head.flags) {
    const at = head.line.toFile(f.rawStart);
    if (!f.value.startsWith('--')) fail(ctx, at, `arg should start with -- : ${f.value}`);
    const body = f.value.slice(2);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const value = eq < 0 ? null : body.slice(eq + 1);
    const kind = allowed[name];
    if (unchecked) {
      out.push({ name, value, range: ctx.lines.range(at, head.line.toFileEnd(f.rawEnd)) });
      continue;
    }
    if (!kind) fail(ctx, at, withSuggestion(`unknown flag: ${name}`, name, Object.keys(allowed), true));
    if (seen.has(name) && kind !== 'strings') fail(ctx, at, `duplicate flag specified: ${name}`);
    seen.add(name);
    if (kind === 'bool') {
      if (value === '') fail(ctx, at, `missing a value on flag: ${name}`);
      if (value !== null && !['true', 'false'].includes(value.toLowerCase())) {
        fail(ctx, at, `expecting boolean value for flag ${name}, not: ${value}`);
      }
    } else if (value === null) {
      fail(ctx, at, `missing a value on flag: ${name}`);
    }
    out.push({ name, value, range: ctx.lines.range(at, head.line.toFileEnd(f.rawEnd)) });
  }
  return out;
}

/** Removes quotes and escapes without expanding variables (`$A` stays `$A`). */
export function unquote(raw: string, escape: string): string {
  if (isPlainWord(raw, escape)) return raw;
  try {
    return lexWord(raw, () => undefined, { escapeToken: escape, skipUnsetEnv: true }).value;
  } catch (e) {
    if (e instanceof ShellLexError) return raw;
    throw e;
  }
}

/** ENV and LABEL: `k=v k2="v 2"`, or the legacy `k v` (parseNameVal). */
function keyValues(ctx: ParseContext, head: Head, range: (a: number, b: number) => Range): KeyValue[] {
  const words = parseWords(head.args, ctx.escape);
  if (words.length === 0) return [];
  const first = words[0]!;
  if (!first.value.includes('=')) {
    const m = /[\t\v\f\r ]+/.exec(head.args);
    if (!m) fail(ctx, head.line.toFile(head.argsStart), `${head.keyword} must have two arguments`);
    const key = head.args.slice(0, m.index);
    const rawValue = head.args.slice(m.index + m[0].length);
    const kv: KeyValue & { keyRange?: Range; valueRange?: Range } = {
      key,
      value: unquote(rawValue, ctx.escape),
      rawValue,
      legacy: true,
      range: range(head.argsStart, head.argsEnd),
    };
    kv.keyRange = range(head.argsStart, head.argsStart + key.length);
    kv.valueRange = range(head.argsStart + m.index + m[0].length, head.argsEnd);
    return [kv];
  }
  return words.map((w) => {
    const start = head.argsStart + w.start;
    const eq = w.value.indexOf('=');
    if (eq < 0) {
      fail(ctx, head.line.toFile(start), `Syntax error - can't find = in "${w.value}". Must be of the form: name=value`);
    }
    if (eq === 0) fail(ctx, head.line.toFile(start), `${head.keyword} names can not be blank`);
    const rawValue = w.value.slice(eq + 1);
    const kv: KeyValue & { keyRange?: Range; valueRange?: Range } = {
      key: w.value.slice(0, eq),
      value: unquote(rawValue, ctx.escape),
      rawValue,
      legacy: false,
      range: range(start, head.argsStart + w.end),
    };
    kv.keyRange = range(start, start + eq);
    kv.valueRange = range(start + eq + 1, head.argsStart + w.end);
    return kv;
  });
}
