/** DL3034: zypper without its non-interactive switch. */
import type { Rule } from './types.js';
import { fedByYes, isAction, optionValues, packageCommands } from './util/packages.js';
import { hasFlag, insertAfter } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const PROMPTING = ['install', 'remove', 'source-install', 'patch', 'update', 'dist-upgrade', 'install-new-recommends'];

export const zypperYes: Rule = {
  meta: {
    id: 'zypper-yes',
    aliases: ['DL3034'],
    severity: 'warning',
    title: 'Use zypper non-interactively (-n or -y)',
    practice: 'A build cannot answer zypper\'s prompts; without `-n` (or `install -y`) zypper waits or aborts and the build fails.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports zypper install, remove, source-install, patch and update without `-y`/`--no-confirm` or the global ' +
        '`-n`/`--non-interactive`. `whittle fix` inserts the global `-n` after `zypper`.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean',
      good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean',
      notes: 'hadolint does not count the global `-n`/`--non-interactive`; whittle does, as zypper does.',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'zypper', ...PROMPTING)) continue;
      if (hasFlag(optionValues(context, pc), '-y', '--no-confirm', '-n', '--non-interactive') || fedByYes(pc)) continue;
      context.report({
        range: pc.command.range,
        message: 'Non-interactive switch missing from `zypper` command: `zypper install -y`.',
        fix: [insertAfter(pc.programWord, '-n')],
      });
    }
  },
};
