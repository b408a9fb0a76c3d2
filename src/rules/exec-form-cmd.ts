/** DL3025 / JSONArgsRecommended: CMD and ENTRYPOINT in exec (JSON) form, so the program is PID 1 and gets signals. */
import type { CmdInstruction, Instruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { chainInstructionsBefore, finalImageChain } from './util/stage-scope.js';

/** Shell words that are builtins or syntax: an exec form cannot run them. */
const SHELL_ONLY = new Set([
  'cd', 'export', 'set', 'unset', 'source', '.', ':', 'eval', 'if', 'then', 'else', 'fi', 'for', 'while', 'until', 'do',
  'done', 'case', 'esac', 'function', 'alias', 'ulimit', 'umask', 'trap', 'wait', 'read', 'shift', 'local', 'return',
  'exit', 'break', 'continue', 'readonly', 'declare', 'typeset', 'let', 'command', 'builtin', 'type', 'hash', 'times',
  'getopts', 'jobs', 'fg', 'bg', '{', '}', '!', '[[', 'time', 'select', 'exec',
]);

/** A word the shell passes on unchanged: no quotes, expansions, globs, redirections, separators or comments. */
const LITERAL_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * The argv a shell-form command line runs, when it is a plain list of literal words (a leading `exec` dropped, since
 * the exec form is what it asks for); undefined when any shell syntax is involved.
 */
export function literalArgv(script: string): string[] | undefined {
  const words = script.trim().split(/[ \t\r\n]+/).filter(Boolean);
  if (words[0] === 'exec') words.shift();
  if (words.length === 0) return undefined;
  if (!words.every((w) => LITERAL_WORD.test(w))) return undefined;
  // `NAME=value cmd` sets a variable for cmd in a shell, but would be run as a program in exec form.
  if (words[0]!.includes('=') || SHELL_ONLY.has(words[0]!)) return undefined;
  return words;
}

export const execFormCmd: Rule = {
  meta: {
    id: 'exec-form-cmd',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    severity: 'warning',
    title: 'Use the exec (JSON) form for CMD and ENTRYPOINT',
    practice:
      'In shell form the container runs `/bin/sh -c "..."` as PID 1; the shell does not forward SIGTERM, so the application is killed after the grace period instead of shutting down cleanly. The exec form makes the application PID 1.',
    source: 'seeds/004, hadolint, buildkit',
    fixable: true,
    keywords: ['CMD', 'ENTRYPOINT'],
    docs: [
      'Judges the final image (the last stage, the stages it is built on, and their ONBUILD triggers). As in BuildKit, a',
      'stage that sets SHELL has chosen a shell on purpose and is not reported.',
      '',
      'The fix rewrites the shell form to JSON only when the command line is a list of literal words (no quotes,',
      'variables, globs, pipes, redirections or `&&`): then both forms run exactly the same program with the same',
      'arguments. A leading `exec` is dropped. ENTRYPOINT is not rewritten when the stage also sets CMD, because an',
      'exec-form ENTRYPOINT receives CMD as arguments where a shell-form one ignored it; nor CMD when the image sets an',
      'exec-form ENTRYPOINT, which would receive the words instead of `/bin/sh -c "..."`. ONBUILD ENTRYPOINT is not rewritten.',
      '',
      'Bad:',
      '```dockerfile',
      'CMD node server.js',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'CMD ["node", "server.js"]',
      '```',
    ].join('\n'),
  },
  check(context) {
    const chain = finalImageChain(context.dockerfile);
    // With an exec-form ENTRYPOINT, CMD becomes its arguments: `sh -c "..."` and the bare words differ there.
    const execEntrypoint = chain.some((s) => s.instructions.some((i) => i.keyword === 'ENTRYPOINT' && i.command.form === 'exec'));
    for (const stage of chain) {
      const setsShell = (before: Instruction): boolean =>
        chainInstructionsBefore(chain.slice(0, chain.indexOf(stage) + 1), before).some((i) => i.keyword === 'SHELL');
      const stageHasCmd = stage.instructions.some((i) => i.keyword === 'CMD');
      for (const top of stage.instructions) {
        const isTrigger = top.keyword === 'ONBUILD';
        const instruction = isTrigger ? top.trigger : top;
        if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
        const cmd = instruction as CmdInstruction;
        if (cmd.command.form !== 'shell') continue;
        if (!isTrigger && setsShell(top)) continue;
        const argv = literalArgv(cmd.command.script);
        const { start, end } = cmd.argsRange;
        // Rewriting a continued command line must not drop a comment inside it.
        const hasComment = context.dockerfile.comments.some((c) => c.range.start.offset >= start.offset && c.range.start.offset < end.offset);
        const safe = argv !== undefined && !hasComment && (cmd.keyword === 'CMD' ? !execEntrypoint : !isTrigger && !stageHasCmd);
        context.report({
          range: cmd.argsRange,
          message: `Use the JSON (exec) form for ${cmd.keyword} so the program runs as PID 1 and receives signals`,
          ...(safe && argv ? { fix: [{ start: start.offset, end: end.offset, replacement: `[${argv.map((w) => JSON.stringify(w)).join(', ')}]` }] } : {}),
        });
      }
    }
  },
};
