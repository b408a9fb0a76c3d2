/**
 * Helpers over the shell analysis of RUN instructions: which programs run (after unwrapping sudo, env, xargs ...),
 * with which flags and values. Rules about commands build on these so they agree on what a command is.
 */
import type { TextEdit } from '../../core/edits.js';
import type { Dockerfile, Instruction, RunInstruction, Stage } from '../../dockerfile/model.js';
import type { RuleContext } from '../types.js';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell-model.js';

// Many rules ask for the same lists of one parsed Dockerfile: each is worked out once per Dockerfile object (a parse
// result, never changed by rules) and handed out as a copy, so a caller that edits its list cannot affect another.
const runsCache = new WeakMap<Dockerfile, readonly RunInstruction[]>();

/** Every RUN in file order, ONBUILD RUN triggers included (they run in the images built from this one). */
export function runInstructions(df: Dockerfile): RunInstruction[] {
  let runs = runsCache.get(df);
  if (!runs) {
    const found: RunInstruction[] = [];
    for (const instruction of df.instructions) {
      if (instruction.keyword === 'RUN') found.push(instruction);
      else if (instruction.keyword === 'ONBUILD' && instruction.trigger.keyword === 'RUN') found.push(instruction.trigger);
    }
    runs = found;
    runsCache.set(df, runs);
  }
  return runs.slice();
}

/** The cached list itself, for loops in this module that only read it. */
function runsOf(df: Dockerfile): readonly RunInstruction[] {
  if (!runsCache.has(df)) runInstructions(df);
  return runsCache.get(df)!;
}

export interface RunCommand {
  run: RunInstruction;
  command: ShellCommand;
}

// Eight rules walk every command of a file: the list is made once per parsed Dockerfile and shared, read-only.
const commandsCache = new WeakMap<Dockerfile, readonly RunCommand[]>();

/** Every simple command of every RUN (nested `sh -c`, subshell and heredoc commands included), in file order. */
export function commandsOf(df: Dockerfile, filter?: (run: RunInstruction) => boolean): readonly RunCommand[] {
  let all = commandsCache.get(df);
  if (!all) {
    const out: RunCommand[] = [];
    for (const run of runsOf(df)) for (const command of run.shell.commands) out.push({ run, command });
    all = out;
    commandsCache.set(df, all);
  }
  return filter ? all.filter((c) => filter(c.run)) : all;
}

/** The stage an instruction belongs to; undefined before the first FROM. */
export function stageOf(df: Dockerfile, instruction: Instruction): Stage | undefined {
  return instruction.stageIndex >= 0 ? df.stages[instruction.stageIndex] : undefined;
}

/**
 * Whether what an instruction leaves in its layer ends up in the image the build produces: its stage is the final
 * image or one the final image is built on. Without any FROM (invalid, but linted anyway) it counts as shipping.
 */
export function shipsInFinalImage(df: Dockerfile, instruction: Instruction): boolean {
  const stage = stageOf(df, instruction);
  return stage ? stage.inFinalImage : true;
}

/** True when stage `stage` is stage `base` or is built on it (FROM base, transitively). Index -1 is before any FROM. */
export function builtOn(df: Dockerfile, stage: number, base: number): boolean {
  let current: number | undefined = stage;
  const seen = new Set<number>();
  while (current !== undefined && !seen.has(current)) {
    if (current === base) return true;
    seen.add(current);
    current = current >= 0 ? df.stages[current]?.baseStage : undefined;
  }
  return false;
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/** How a wrapper program takes the command it runs: options that take a value, positionals before the command. */
interface WrapperSpec {
  valueOptions: readonly string[];
  /** Positional words before the wrapped command (`timeout 10 cmd`, `gosu user cmd`, `chroot /root cmd`). */
  positionals?: number;
  /** `env NAME=value cmd`. */
  assignments?: boolean;
  /** Options that mean the wrapper does not run the next word as a command (`command -v apt-get`). */
  noRunOptions?: readonly string[];
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    valueOptions: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--prompt', '--role', '--type', '--other-user', '--close-from', '--host', '--command-timeout'],
    noRunOptions: ['-l', '--list', '-v', '--validate', '-k', '-K', '-e', '--edit', '-V', '--version'],
  },
  doas: { valueOptions: ['-u', '-C'] },
  env: { valueOptions: ['-u', '--unset', '-C', '--chdir'], assignments: true, noRunOptions: ['-S', '--split-string'] },
  nice: { valueOptions: ['-n', '--adjustment'] },
  nohup: { valueOptions: [] },
  time: { valueOptions: ['-f', '--format', '-o', '--output'] },
  xargs: {
    valueOptions: ['-n', '-I', '-P', '-L', '-s', '-d', '-a', '-E', '--max-args', '--max-procs', '--max-lines', '--max-chars', '--delimiter', '--arg-file', '--eof', '--replace'],
  },
  exec: { valueOptions: ['-a'] },
  command: { valueOptions: [], noRunOptions: ['-v', '-V'] },
  builtin: { valueOptions: [] },
  timeout: { valueOptions: ['-s', '-k', '--signal', '--kill-after'], positionals: 1 },
  stdbuf: { valueOptions: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  ionice: { valueOptions: ['-c', '-n', '--class', '--classdata'], noRunOptions: ['-p', '--pid', '-P', '--pgid', '-u', '--uid'] },
  chroot: { valueOptions: ['--userspec', '--groups'], positionals: 1 },
  gosu: { valueOptions: [], positionals: 1 },
  'su-exec': { valueOptions: [], positionals: 1 },
  eatmydata: { valueOptions: [] },
  fakeroot: { valueOptions: ['-l', '--lib', '--faked', '-s', '-i'] },
  busybox: { valueOptions: [] },
  setsid: { valueOptions: [] },
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface UnwrappedCommand {
  /** The word naming the program that really runs (`apt-get` in `sudo -E apt-get install x`); undefined when none. */
  programWord: ShellWord | undefined;
  /** Basename of the program, e.g. `pip3` for `/usr/bin/pip3`. Empty when there is no program word. */
  name: string;
  /** Arguments after the program word. */
  args: ShellWord[];
  /** Basenames of the wrappers removed, outermost first (`['sudo', 'env']`). */
  wrappers: string[];
}

const unwrapCache = new WeakMap<ShellCommand, UnwrappedCommand>();

/** Removes wrappers such as sudo, env, nice, xargs, timeout, gosu to find the program that really runs. */
export function unwrapCommand(cmd: ShellCommand): UnwrappedCommand {
  const cached = unwrapCache.get(cmd);
  if (cached) return cached;
  let words = cmd.words;
  const wrappers: string[] = [];
  for (;;) {
    if (words.length === 0) break;
    const wrapper = basename(words[0]!.value);
    const spec = WRAPPERS[wrapper];
    if (!spec) break;
    const next = wrappedCommandStart(words, spec);
    if (next === undefined || next >= words.length) break;
    wrappers.push(wrapper);
    words = words.slice(next);
  }
  const programWord = words[0];
  const result: UnwrappedCommand = {
    programWord,
    name: programWord ? basename(programWord.value) : '',
    args: words.slice(1),
    wrappers,
  };
  unwrapCache.set(cmd, result);
  return result;
}

/** Index of the wrapped command's first word in `words` (a wrapper invocation), or undefined when it runs none. */
function wrappedCommandStart(words: readonly ShellWord[], spec: WrapperSpec): number | undefined {
  let i = 1;
  let positionals = spec.positionals ?? 0;
  while (i < words.length) {
    const w = words[i]!.value;
    if (w === '--') return i + 1 + positionals;
    if (spec.assignments && ASSIGNMENT.test(w)) {
      i++;
      continue;
    }
    if (isOptionWord(w)) {
      // `nice -10 cmd`: a numeric option takes no value.
      const name = w.includes('=') ? w.slice(0, w.indexOf('=')) : w;
      if (spec.noRunOptions?.includes(name)) return undefined;
      i += spec.valueOptions.includes(w) ? 2 : 1;
      continue;
    }
    if (positionals > 0) {
      positionals--;
      i++;
      continue;
    }
    return i;
  }
  return undefined;
}

/** Basename of the program that really runs, after unwrapping sudo/env/nice/xargs and the like. */
export function programName(cmd: ShellCommand): string {
  return unwrapCommand(cmd).name;
}

/** The arguments of the program that really runs, after unwrapping. */
export function programArgs(cmd: ShellCommand): ShellWord[] {
  return unwrapCommand(cmd).args;
}

/** True when a long flag (`--yes`, `-name` with one dash and several letters) or a short one (`-y`) matches a word. */
function flagMatches(word: string, flag: string): boolean {
  if (flag.startsWith('--') || flag.length > 2) return word === flag || word.startsWith(`${flag}=`);
  if (word === flag) return true;
  // Combined short flags: `-qy` holds `-q` and `-y`; in `-qO-` the letters stop where the last one's value starts.
  if (word.startsWith('--')) return false;
  const letters = /^-([A-Za-z0-9]+)/.exec(word)?.[1] ?? '';
  return letters.length >= 2 && letters.includes(flag.slice(1));
}

function isOptionWord(value: string): boolean {
  return value.startsWith('-') && value !== '-';
}

/**
 * Whether any of the flags is given: `-y`, combined short flags `-qy`, `--yes`, `--flag=value`.
 * Words after `--` are positional and never flags. Takes words or plain values (expanded arguments, say).
 */
export function hasFlag(args: readonly (ShellWord | string)[], ...flags: string[]): boolean {
  for (const arg of args) {
    const v = typeof arg === 'string' ? arg : arg.value;
    if (v === '--') return false;
    if (isOptionWord(v) && flags.some((flag) => flagMatches(v, flag))) return true;
  }
  return false;
}

export interface FoundFlag {
  /** The word holding the flag. */
  word: ShellWord;
  index: number;
  /** The value: after `=`, attached to a short flag (`-tbookworm`), or the next word. */
  value: string | undefined;
  /** The word holding the value when it is a separate word. */
  valueWord: ShellWord | undefined;
}

/** The first occurrence of any of the flags, with its value if it has one. */
export function findFlag(args: readonly ShellWord[], ...flags: string[]): FoundFlag | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (v === '--') return undefined;
    if (!isOptionWord(v)) continue;
    for (const flag of flags) {
      if (!flagMatches(v, flag)) continue;
      const next = args[i + 1];
      const long = flag.startsWith('--') || flag.length > 2;
      if (v === flag) return { word, index: i, value: next?.value, valueWord: next };
      if (long) return { word, index: i, value: v.slice(flag.length + 1), valueWord: undefined };
      if (v.startsWith(flag)) return { word, index: i, value: v.slice(2), valueWord: undefined };
      return { word, index: i, value: undefined, valueWord: undefined };
    }
  }
  return undefined;
}

/** The value of the first of the flags given: `--target=x`, `--target x`, `-t x`, `-tx`. */
export function flagValue(args: readonly ShellWord[], ...flags: string[]): string | undefined {
  return findFlag(args, ...flags)?.value;
}

/** True when the command (after unwrapping) is `name` with all of `args` among its arguments. */
export function isCommand(cmd: ShellCommand, names: string | readonly string[], ...args: string[]): boolean {
  const list = typeof names === 'string' ? [names] : names;
  if (!list.includes(programName(cmd))) return false;
  const values = programArgs(cmd).map((w) => w.value);
  return args.every((a) => values.includes(a));
}

/** `rm -rf <path>` (any spelling of -r and -f) removing `path` or something under it; `path` may end in `/*`. */
export function removesPath(cmd: ShellCommand, path: string): boolean {
  if (programName(cmd) !== 'rm') return false;
  const args = programArgs(cmd);
  if (!hasFlag(args, '-r', '-R', '--recursive')) return false;
  const target = path.replace(/\/\*$/, '').replace(/\/+$/, '');
  return args.some((a) => {
    if (isOptionWord(a.value)) return false;
    const p = a.value.replace(/["']/g, '').replace(/\/\*$/, '').replace(/\/+$/, '');
    return p === target || p.startsWith(`${target}/`);
  });
}

/** An edit inserting ` text` right after a word (an option after `install`, say). */
export function insertAfter(word: ShellWord, text: string): TextEdit {
  return { start: word.range.end.offset, end: word.range.end.offset, replacement: ` ${text}` };
}

/** An edit replacing a word's text. */
export function replaceWord(word: ShellWord, text: string): TextEdit {
  return { start: word.range.start.offset, end: word.range.end.offset, replacement: text };
}

const COMMAND_SUBSTITUTION = /\$\(|`/;
const VARIABLE_REF = /\$(?:\{([^}:#%/^,\-+=?]*)|([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-]))/g;

/** True when a word is nothing but variable references (`$PKGS`, `"${A}${B}"`): its value is unknown without them. */
export function isOnlyVariables(raw: string): boolean {
  return raw.replace(VARIABLE_REF, '').replace(/["'{}]/g, '').trim() === '';
}

/**
 * The values a word stands for after ARG/ENV expansion, split into words as the shell would split an unquoted
 * expansion (`ARG PKGS="a=1 b=2"` then `apt-get install $PKGS` is two packages). Undefined when it cannot be known:
 * command substitution, or a variable the Dockerfile does not define at that point (set by the script itself, say).
 */
export function wordValues(context: RuleContext, word: ShellWord, instruction: Instruction): string[] | undefined {
  if (word.literal) return [word.value];
  const raw = word.raw;
  if (COMMAND_SUBSTITUTION.test(raw)) return undefined;
  const vars = context.variablesAt(instruction);
  for (const m of raw.matchAll(VARIABLE_REF)) {
    const name = m[1] ?? m[2] ?? '';
    const withDefault = m[1] !== undefined && /^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=]/.test(raw.slice(m.index));
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
    if (!vars.has(name) && !withDefault) return undefined;
  }
  const expanded = context.expand(raw, instruction);
  if (raw.startsWith('"') && raw.endsWith('"')) return [expanded];
  return expanded.split(/\s+/).filter(Boolean);
}

/**
 * The values to judge for a word: expanded when possible; else the text as written when it still says something
 * on its own (`curl=$V` is pinned whatever V is); none when it is only unknown variables or command output.
 */
export function judgeableValues(context: RuleContext, word: ShellWord, instruction: Instruction): string[] {
  const values = wordValues(context, word, instruction);
  if (values) return values;
  if (COMMAND_SUBSTITUTION.test(word.raw) || isOnlyVariables(word.raw)) return [];
  return [word.raw.replace(/["']/g, '')];
}

/** RUN --mount=type=cache (or tmpfs) targets, which keep what is written there out of the layer. */
export function unlayeredMountTargets(run: RunInstruction): string[] {
  return run.mounts
    .filter((m) => m.type === 'cache' || m.type === 'tmpfs')
    .map((m) => (m.target ?? m.fields['target'] ?? m.fields['dst'] ?? m.fields['destination'] ?? '').replace(/\/+$/, ''))
    .filter(Boolean);
}

/** True when a cache or tmpfs mount covers `dir` (mounted at it or at a parent of it). */
export function hasUnlayeredMount(run: RunInstruction, dir: string): boolean {
  const target = dir.replace(/\/+$/, '');
  return unlayeredMountTargets(run).some((t) => target === t || target.startsWith(`${t}/`));
}

/**
 * Where to append a command to a RUN so it runs last (`&& rm -rf ...`): the end of a shell-form script or, for a
 * `RUN <<EOF` heredoc script, a new last line of the body. Undefined for exec form, unparsable scripts, or when the
 * script ends in a way `&& next` cannot follow (`;`, `&`, a pipe, a trailing comment).
 */
export function appendPoint(df: Dockerfile, run: RunInstruction, text: string): TextEdit | undefined {
  if (run.command.form !== 'shell' || run.shell.hasError) return undefined;
  const script = run.command.script.replace(/\s+$/, '');
  if (run.heredocs.length > 0) {
    // Only `RUN <<EOF` alone, whose body is the script; `RUN cat <<EOF > f` writes a file we must not touch.
    if (run.heredocs.length !== 1 || !/^<<-?\s*(["']?)[A-Za-z0-9_.-]+\1$/.test(script.trim())) return undefined;
    const heredoc = run.heredocs[0]!;
    // A script's status is its last command's: a new last line would hide an earlier failure unless `set -e` stops it.
    if (!run.shell.commands.some((c) => c.depth === 0 && programName(c) === 'set' && setsErrexit(programArgs(c)))) return undefined;
    if (/^#!/.test(heredoc.content) && !/^#!\s*\/(usr\/)?bin\/(env\s+)?(ba|da|z|a)?sh\b/.test(heredoc.content)) return undefined;
    const at = heredoc.contentRange.end.offset;
    const afterNewline = at === 0 || df.text[at - 1] === '\n';
    return { start: at, end: at, replacement: afterNewline ? `${text}\n` : `\n${text}` };
  }
  const end = scriptEnd(df, run);
  if (end === undefined) return undefined;
  return { start: end, end, replacement: ` && ${text}` };
}

/** `set -e`, `set -euo pipefail`, `set -o errexit`. */
function setsErrexit(args: readonly ShellWord[]): boolean {
  return hasFlag(args, '-e') || args.some((a, i) => a.value === 'errexit' && i > 0 && /^-[A-Za-z]*o$/.test(args[i - 1]!.value));
}

/**
 * File offset just past the last character of a shell-form script, when another command can follow it with
 * `&& next`: undefined when the script ends in `;`, `&`, a pipe or an open construct, or with a shell comment
 * (`RUN make # build` would swallow what is appended), or cannot be parsed.
 */
export function scriptEnd(df: Dockerfile, run: RunInstruction): number | undefined {
  if (run.command.form !== 'shell' || run.shell.hasError) return undefined;
  const script = run.command.script.replace(/\s+$/, '');
  if (script === '' || /[;&|]$/.test(script) || /(^|\s)(then|do|else|in|!)$/.test(script)) return undefined;
  const end = run.command.toFileOffset(script.length - 1) + 1;
  const lastCommandEnd = Math.max(...run.shell.commands.map((c) => c.range.end.offset), run.command.range.start.offset);
  if (df.text.slice(lastCommandEnd, end).includes('#')) return undefined;
  return end;
}

/** File offset of the first character of a shell-form script. */
export function scriptStart(run: RunInstruction): number | undefined {
  if (run.command.form !== 'shell') return undefined;
  const lead = /^\s*/.exec(run.command.script)![0].length;
  return run.command.toFileOffset(lead);
}
