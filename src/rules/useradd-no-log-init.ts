/** DL3046: useradd with a high UID and without -l. */
import type { Rule } from './types.js';
import { commandsOf, findFlag, hasFlag, insertAfter, judgeableValues, programArgs, programName, unwrapCommand } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const useraddNoLogInit: Rule = {
  meta: {
    id: 'useradd-no-log-init',
    aliases: ['DL3046'],
    severity: 'warning',
    title: 'Use useradd -l (--no-log-init) with a high UID',
    practice:
      'useradd records every user in /var/log/lastlog and faillog, sparse files indexed by UID: a UID like 100000000 ' +
      'makes them gigabytes that image layers store in full. `-l` skips those logs.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `useradd -u <uid>` with a UID of more than five digits and without `-l`/`--no-log-init` (UIDs given ' +
        'through ARG or ENV are expanded). `whittle fix` inserts `-l` after `useradd`.',
      bad: 'FROM debian:12\nRUN useradd -u 123456789 app',
      good: 'FROM debian:12\nRUN useradd -l -u 123456789 app',
    }),
  },
  check(context) {
    for (const { run, command } of commandsOf(context.dockerfile)) {
      if (programName(command) !== 'useradd') continue;
      const args = programArgs(command);
      if (hasFlag(args, '-l', '--no-log-init')) continue;
      const uid = findFlag(args, '-u', '--uid');
      if (!uid) continue;
      const values = uid.valueWord ? judgeableValues(context, uid.valueWord, run) : uid.value !== undefined ? [uid.value] : [];
      if (!values.some((v) => v.length > 5)) continue;
      context.report({
        range: command.range,
        message: '`useradd` without flag `-l` and high UID will result in excessively large Image.',
        fix: [insertAfter(unwrapCommand(command).programWord!, '-l')],
      });
    }
  },
};
