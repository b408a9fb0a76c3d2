/** The final process must be PID 1 and receive SIGTERM: exec-form ENTRYPOINT/CMD, and `exec` at the end of `sh -c`. */
import type { TextEdit } from '../core/edits.js';
import type { Suggestion } from '../core/finding.js';
import type { CmdInstruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { finalImageInstructions, finalStage } from './util/seeds.js';

const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh)$/;

/**
 * The words of a shell-form command when it is a plain list of literal words (so the exec form means exactly the
 * same); undefined when anything would be interpreted by the shell: `$`, globs, operators, redirections, escapes.
 * Written by hand because it must refuse, not interpret: no shell parser says "this needs no shell".
 */
export function literalWords(script: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  const n = script.length;
  while (i < n) {
    while (i < n && /\s/.test(script[i]!)) i++;
    if (i >= n) break;
    let word = '';
    let quoted = false;
    while (i < n && !/\s/.test(script[i]!)) {
      const c = script[i]!;
      if (c === "'") {
        const close = script.indexOf("'", i + 1);
        if (close < 0) return undefined;
        word += script.slice(i + 1, close);
        quoted = true;
        i = close + 1;
      } else if (c === '"') {
        const close = script.indexOf('"', i + 1);
        if (close < 0) return undefined;
        const inner = script.slice(i + 1, close);
        if (/[$`\\]/.test(inner)) return undefined;
        word += inner;
        quoted = true;
        i = close + 1;
      } else if (/[$`\\&|;<>()*?[\]{}~#!]/.test(c)) {
        return undefined;
      } else {
        word += c;
        i++;
      }
    }
    // `NAME=value cmd` sets a variable for the command: a shell feature.
    if (words.length === 0 && !quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) return undefined;
    if (words.length === 0 && /^(exec|cd|export|set|source|\.|eval|trap|ulimit|umask)$/.test(word)) return undefined;
    words.push(word);
  }
  return words.length > 0 ? words : undefined;
}

/** The exec form of a list of words, spelled as Docker's docs do. */
export function execForm(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/**
 * Where the last command of a script starts, when the script is a list joined by `&&`, `;` or newlines (quotes
 * respected). Undefined for pipelines, background jobs and `||` at the end, where `exec` alone would not help.
 */
export function lastCommandStart(script: string): number | undefined {
  let start = 0;
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (depth === 0 && (c === ';' || c === '\n')) start = i + 1;
    else if (depth === 0 && c === '&' && script[i + 1] === '&') {
      start = i + 2;
      i++;
    } else if (depth === 0 && (c === '|' || c === '&')) return undefined;
  }
  if (quote || depth !== 0) return undefined;
  while (start < script.length && /\s/.test(script[start]!)) start++;
  return start < script.length ? start : undefined;
}

function startsWithExec(script: string, at: number): boolean {
  return /^exec(\s|$)/.test(script.slice(at));
}

/** The script of `["sh", "-c", "script"]` with the file offset of each of its characters; undefined otherwise. */
function shellScriptOf(instruction: CmdInstruction): { value: string; offsets: number[] | undefined } | undefined {
  const form = instruction.command;
  if (form.form !== 'exec') return undefined;
  const argv = form.argv;
  if (argv.length < 3 || !SHELLS.test(argv[0]!)) return undefined;
  const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  if (c < 0 || c + 1 >= argv.length) return undefined;
  return { value: argv[c + 1]!, offsets: form.argOffsetMaps?.[c + 1] };
}

/** `npm start`, `yarn run serve`, `pnpm start`: a package manager as PID 1 in front of the application. */
function packageScriptRunner(argv: readonly string[]): string | undefined {
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  if (!/^(npm|yarn|pnpm)$/.test(program)) return undefined;
  const action = argv[1] ?? '';
  if (action === 'start' || action === 'run' || action === 'run-script' || (program !== 'npm' && action !== '' && !action.startsWith('-') && argv.length === 2)) {
    return argv.slice(0, action === 'run' || action === 'run-script' ? 3 : 2).join(' ');
  }
  return undefined;
}

const WHY =
  'the shell becomes PID 1 and does not pass SIGTERM on, so the application is killed after the grace period instead of shutting down cleanly';

export const shellFormEntrypoint: Rule = {
  meta: {
    id: 'shell-form-entrypoint',
    aliases: [],
    severity: 'warning',
    title: 'Make the application PID 1 so it receives SIGTERM',
    practice:
      'Kubernetes stops a container by sending SIGTERM to PID 1. When a shell is PID 1 (shell-form CMD or ENTRYPOINT, or `sh -c` without `exec`), the application never sees the signal: no graceful shutdown, and a kill after the grace period.',
    source: 'seeds/004',
    fixable: true,
    keywords: ['CMD', 'ENTRYPOINT'],
    supersededBy: ['exec-form-cmd'],
    docs: `Looks at the process the final image starts (ENTRYPOINT and CMD as the final stage and the stages it is built on leave them):

- a shell-form \`ENTRYPOINT\`, or a shell-form \`CMD\` with no exec-form \`ENTRYPOINT\`: \`/bin/sh -c\` is PID 1;
- an exec-form \`["sh", "-c", "..."]\` whose script does not \`exec\` its last command.

- an exec-form \`["npm", "start"]\` (or \`yarn start\`, \`pnpm run x\`): the package manager stays PID 1 and starts the app under a shell.

An exec-form ENTRYPOINT script (\`ENTRYPOINT ["/docker-entrypoint.sh"]\`) is fine; make sure it ends with \`exec "$@"\`.

\`whittle fix\` rewrites a shell form to the exec form only when the command is a plain list of literal words (no \`$\`, globs, \`&&\`, pipes, redirections or quotes that change meaning), and a shell-form ENTRYPOINT only when no CMD would start being appended to it. Otherwise a suggestion adds \`exec\` before the last command, or points to an init such as \`tini\` or \`dumb-init\`.

Bad:
\`\`\`Dockerfile
CMD node server.js
ENTRYPOINT ["sh", "-c", "./migrate && ./server"]
\`\`\`

Good:
\`\`\`Dockerfile
CMD ["node", "server.js"]
ENTRYPOINT ["sh", "-c", "./migrate && exec ./server"]
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    if (!finalStage(df)) return;
    const instructions = finalImageInstructions(df);
    let entrypoint: CmdInstruction | undefined;
    let cmd: CmdInstruction | undefined;
    for (const i of instructions) {
      if (i.keyword === 'ENTRYPOINT') {
        // An ENTRYPOINT in a later stage resets the CMD a parent stage left (as it does for a base image's CMD).
        if (cmd && cmd.stageIndex !== i.stageIndex) cmd = undefined;
        entrypoint = i as CmdInstruction;
      } else if (i.keyword === 'CMD') cmd = i as CmdInstruction;
    }
    const target = entrypoint ?? cmd;
    if (!target) return;
    const form = target.command;
    const name = target.keyword;

    if (form.form === 'shell') {
      const words = literalWords(form.script);
      // Exec-form ENTRYPOINT gets CMD appended: only safe when there is no CMD.
      // A SHELL instruction chose another interpreter (PowerShell, bash -o pipefail): its parsing is not judged here.
      const shell = [...instructions.slice(0, instructions.indexOf(target))].reverse().find((i) => i.keyword === 'SHELL');
      const shellName = shell && shell.keyword === 'SHELL' && shell.argv.length > 0 ? shell.argv.join(' ') : '/bin/sh -c';
      // Rewriting a continued line must not drop a comment inside it.
      const hasComment = df.comments.some((c) => c.range.start.offset >= form.range.start.offset && c.range.start.offset < form.range.end.offset);
      const fixable = words && !shell && !hasComment && (name === 'CMD' || !cmd);
      const fix: TextEdit[] | undefined = fixable ? [{ start: form.range.start.offset, end: form.range.end.offset, replacement: execForm(words) }] : undefined;
      const suggestions: Suggestion[] = [];
      if (!fixable) {
        const at = lastCommandStart(form.script);
        if (at !== undefined && !startsWithExec(form.script, at)) {
          const offset = form.toFileOffset(at);
          suggestions.push({ description: 'Prefix the last command with exec so it replaces the shell as PID 1', edits: [{ start: offset, end: offset, replacement: 'exec ' }] });
        }
        if (at !== undefined && startsWithExec(form.script, at)) return;
      }
      context.report({
        range: target.range,
        message: `${name} in shell form runs under "${shellName}": ${WHY}. ${fixable ? `Use the exec form ${execForm(words)}.` : 'Use the exec form, "exec" the last command, or run an init (tini, dumb-init).'}`,
        ...(fix ? { fix } : {}),
        suggestions,
      });
      return;
    }

    const wrapper = packageScriptRunner(form.argv);
    if (wrapper) {
      context.report({
        range: target.range,
        message: `${name} starts the application through "${wrapper}": the package manager stays PID 1 and runs the app under a shell, so SIGTERM does not reliably reach it. Start the runtime directly (e.g. ["node", "server.js"]).`,
      });
      return;
    }
    const script = shellScriptOf(target);
    if (!script || script.value.trim() === '') return;
    const at = lastCommandStart(script.value);
    if (at !== undefined && startsWithExec(script.value, at)) return;
    const suggestions: Suggestion[] = [];
    const offset = at !== undefined ? script.offsets?.[at] : undefined;
    if (offset !== undefined) {
      suggestions.push({ description: 'Prefix the last command with exec so it replaces the shell as PID 1', edits: [{ start: offset, end: offset, replacement: 'exec ' }] });
    }
    context.report({
      range: target.range,
      message: `${name} runs a "sh -c" script whose last command is not exec'd: ${WHY}. Prefix it with "exec" (or run an init such as tini).`,
      suggestions,
    });
  },
};
