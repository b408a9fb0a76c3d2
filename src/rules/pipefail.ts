/** DL4006: a pipe in RUN without pipefail, so a failing first command goes unnoticed. */
import type { Dockerfile, RunInstruction, ShellInstruction, Stage } from '../dockerfile/model.js';
import type { ShellWord } from '../dockerfile/shell-model.js';
import type { Rule } from './types.js';
import { parseImageRef } from './util/images.js';
import { basename, programArgs, programName } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
const NON_POSIX_SHELLS = new Set(['pwsh', 'powershell', 'powershell.exe', 'pwsh.exe', 'cmd', 'cmd.exe']);
const SHELL_LINE = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

/** Images that have no bash (or no shell at all): the fix cannot switch them to bash. */
const NO_BASH = /(^|[/:_.-])(alpine|busybox|distroless|scratch|wolfi|chainguard|static|nanoserver|servercore|windows|musl|minimal-musl)([/:_.-]|$)/i;

interface ShellState {
  /** SHELL set to a shell run with `-o pipefail`, or to a non-POSIX shell where pipes work differently. */
  covered: boolean;
  /** Any SHELL instruction in effect: the user chose a shell, the fix does not override it. */
  custom: boolean;
}

/** `-o pipefail` (also `-euo pipefail`) among a shell's or `set`'s arguments. */
function hasPipefailOption(args: readonly (string | ShellWord)[]): boolean {
  const values = args.map((a) => (typeof a === 'string' ? a : a.value));
  return values.some((v, i) => v === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(values[i - 1]!));
}

function shellState(shell: ShellInstruction, previous: ShellState): ShellState {
  const program = basename(shell.argv[0] ?? '').toLowerCase();
  if (NON_POSIX_SHELLS.has(program)) return { covered: true, custom: true };
  if (shell.argv.length === 0) return previous;
  return { covered: PIPEFAIL_SHELLS.has(program) && hasPipefailOption(shell.argv.slice(1)), custom: true };
}

/** The RUN sets pipefail itself (`set -o pipefail`, `bash -o pipefail -c ...`). */
function setsPipefail(run: RunInstruction): boolean {
  return run.shell.commands.some((c) => {
    const name = programName(c);
    return (name === 'set' || PIPEFAIL_SHELLS.has(name)) && hasPipefailOption(programArgs(c));
  });
}

/** The external image a stage's image is built on (following FROM <stage>), as expanded. */
function rootImage(df: Dockerfile, stage: Stage): string {
  let current = stage;
  const seen = new Set<number>();
  while (current.baseStage !== undefined && !seen.has(current.baseStage)) {
    seen.add(current.index);
    const base = df.stages[current.baseStage];
    if (!base) break;
    current = base;
  }
  return current.baseImage;
}

/** Whether the base image can be assumed to have /bin/bash: a known glibc distribution, not Alpine/BusyBox-like. */
function hasBash(image: string): boolean {
  if (/\$/.test(image) || NO_BASH.test(image)) return false;
  return parseImageRef(image) !== null;
}

export const pipefail: Rule = {
  meta: {
    id: 'pipefail',
    aliases: ['DL4006'],
    severity: 'warning',
    title: 'Set pipefail before RUN with a pipe',
    practice:
      'A pipeline\'s status is its last command\'s: in `RUN curl -fsSL $URL | tar -xz` a failed download still ' +
      'passes the build when tar exits 0. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` makes any failing command ' +
      'in a pipe fail the RUN.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a shell-form RUN with a pipe when neither a `SHELL` with `-o pipefail` (bash, zsh, ash) is in effect ' +
        'for its stage (stages built FROM another stage inherit its SHELL) nor the RUN sets `set -o pipefail` itself. ' +
        'A SHELL for PowerShell or cmd turns the check off.\n\n' +
        '`whittle fix` inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first such RUN of a stage when ' +
        'no SHELL was chosen and the base image is not Alpine, BusyBox, distroless or similar (which have no bash); ' +
        'on those, set `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]` by hand or add `set -o pipefail` to the RUN.',
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    const endStates: ShellState[] = [];
    for (const stage of df.stages) {
      let state: ShellState =
        stage.baseStage !== undefined && endStates[stage.baseStage] ? { ...endStates[stage.baseStage]! } : { covered: false, custom: false };
      let fixOffered = false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL') {
          state = shellState(instruction, state);
          continue;
        }
        if (instruction.keyword !== 'RUN' || instruction.command.form !== 'shell') continue;
        if (state.covered || !instruction.shell.hasPipe || setsPipefail(instruction)) continue;
        let fix;
        if (!fixOffered && !state.custom && hasBash(rootImage(df, stage))) {
          const lineStart = instruction.range.start.offset - (instruction.range.start.column - 1);
          const indent = df.text.slice(lineStart, instruction.range.start.offset);
          if (/^[ \t]*$/.test(indent)) fix = [{ start: lineStart, end: lineStart, replacement: `${indent}${SHELL_LINE}\n` }];
        }
        fixOffered ||= fix !== undefined;
        context.report({
          range: instruction.keywordRange,
          message:
            'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image ' +
            'or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check.',
          ...(fix ? { fix } : {}),
        });
      }
      endStates[stage.index] = state;
    }
  },
};
