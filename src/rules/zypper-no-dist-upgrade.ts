/** DL3035: zypper dist-upgrade in a Dockerfile. */
import type { Rule } from './types.js';
import { isAction, packageCommands } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const zypperNoDistUpgrade: Rule = {
  meta: {
    id: 'zypper-no-dist-upgrade',
    aliases: ['DL3035'],
    severity: 'warning',
    title: 'Do not use zypper dist-upgrade',
    practice:
      'A distribution upgrade inside a build turns the base image into a different release nobody tested, and makes ' +
      'the image depend on the day it was built; use a newer base image instead.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary: 'Reports `zypper dist-upgrade` and `zypper dup`.',
      bad: 'FROM opensuse/leap:15.5\nRUN zypper -n dist-upgrade',
      good: 'FROM opensuse/leap:15.6',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'zypper', 'dist-upgrade')) continue;
      context.report({ range: pc.command.range, message: 'Do not use `zypper dist-upgrade`.' });
    }
  },
};
