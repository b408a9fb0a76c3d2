/** DL3059: consecutive RUN instructions that could be one. */
import type { TextEdit } from '../core/edits.js';
import type { Dockerfile, RunInstruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { programName, scriptEnd, scriptStart } from './util/shell.js';
import { ruleDocs, SEEDS } from './util/shell-rule-docs.js';

/** hadolint leaves RUNs with more than two commands alone: they were most likely split on purpose. */
const MAX_COMMANDS = 2;

/** Commands whose effect on the shell (directory, variables, options) would leak into a RUN merged after them. */
const STATEFUL = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'source', '.', 'umask', 'alias', 'unalias', 'trap', 'exit',
  'exec', 'eval', 'readonly', 'declare', 'typeset', 'local', 'ulimit', 'return', 'shift', 'enable', 'hash', 'function',
]);

function flagsKey(run: RunInstruction): string {
  return run.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
}

/**
 * The edit joining `second` onto `first` with ` && \` when the merged script means the same: both plain shell-form
 * RUNs, nothing between them but blank lines, nothing in the first that changes the shell for the second, and a
 * second that is one `&&`/`|` chain (so a failure of the first still fails the build).
 */
function mergeEdit(df: Dockerfile, first: RunInstruction, second: RunInstruction): TextEdit | undefined {
  for (const run of [first, second]) {
    if (run.command.form !== 'shell' || run.flags.length > 0 || run.heredocs.length > 0 || run.shell.hasError) return undefined;
    if (run.onbuildParent) return undefined;
  }
  const end = scriptEnd(df, first);
  const start = scriptStart(second);
  if (end === undefined || start === undefined) return undefined;
  if (df.comments.some((c) => c.range.start.offset >= end && c.range.start.offset < start)) return undefined;
  if (first.shell.commands.some((c) => STATEFUL.has(programName(c)) || (c.words.length === 0 && c.assignments.length > 0))) return undefined;
  const commands = second.shell.commands;
  if (commands.some((c) => c.depth > 0)) return undefined;
  if (commands.some((c, i) => i > 0 && c.connectorBefore !== '&&' && c.connectorBefore !== '|')) return undefined;
  if (commands.at(-1)?.connectorAfter) return undefined;
  const indent = continuationIndent(first);
  return { start: end, end: start, replacement: ` && ${df.escape}\n${indent}` };
}

/** The indentation of the first RUN's continuation lines, or four spaces. */
function continuationIndent(run: RunInstruction): string {
  const lines = run.text.split('\n');
  const indent = lines.length > 1 ? /^[ \t]*/.exec(lines[1]!)![0] : '';
  return indent.length > 0 ? indent : '    ';
}

export const consecutiveRun: Rule = {
  meta: {
    id: 'consecutive-run',
    aliases: ['DL3059'],
    severity: 'info',
    title: 'Merge consecutive RUN instructions',
    practice:
      'Every RUN adds a layer and a build step: steps that belong together (update then install, download then ' +
      'extract then clean up) should be one RUN so they are cached together and what one removes never lands in an ' +
      'earlier layer. seeds/004 shows a cached `RUN apt -y update` breaking a later install and says to consolidate ' +
      'interdependent steps into one RUN; seeds/000 counts each RUN as a layer that adds build time and storage.',
    source: `${SEEDS.imageDesign}, ${SEEDS.layers}, hadolint`,
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a RUN that directly follows another RUN with the same flags, when neither runs more than two ' +
        'commands (longer RUNs were most likely split on purpose). Comments between them do not separate them.\n\n' +
        '`whittle fix` joins the two with ` && \\` when that means the same script: both shell form without flags or ' +
        'heredocs, no comment between them, the first does not change the shell state (`cd`, `export`, `set` ...), ' +
        'and the second is a single `&&` chain.',
      bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
      good: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    let previous: RunInstruction | undefined;
    for (const instruction of df.instructions) {
      if (instruction.keyword !== 'RUN') {
        previous = undefined;
        continue;
      }
      const run = instruction;
      if (
        previous &&
        previous.stageIndex === run.stageIndex &&
        flagsKey(previous) === flagsKey(run) &&
        previous.shell.commands.length <= MAX_COMMANDS &&
        run.shell.commands.length <= MAX_COMMANDS
      ) {
        const edit = mergeEdit(df, previous, run);
        context.report({
          range: run.keywordRange,
          message: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
          ...(edit ? { fix: [edit] } : {}),
        });
      }
      previous = run;
    }
  },
};
