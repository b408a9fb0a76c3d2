/** DL3038: dnf install without -y. */
import type { Rule } from './types.js';
import { isAction, packageCommands } from './util/packages.js';
import { insertAfter } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';
import { RPM_PROMPTING, rpmAnswersYes } from './yum-yes.js';

export const dnfYes: Rule = {
  meta: {
    id: 'dnf-yes',
    aliases: ['DL3038'],
    severity: 'warning',
    title: 'Use -y with dnf install',
    practice: 'A build cannot answer "Is this ok [y/N]"; without `-y` dnf stops and the build fails.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports dnf and microdnf commands that prompt (install, groupinstall, localinstall, upgrade, remove ...) ' +
        'without `-y` or `--assumeyes`. `whittle fix` inserts `-y` after the sub-command.',
      bad: 'FROM fedora:41\nRUN dnf install httpd-2.4.62 && dnf clean all',
      good: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all',
      notes: 'hadolint checks only install, groupinstall and localinstall; upgrade, remove and the other prompting sub-commands fail a build the same way.',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, ['dnf', 'microdnf'], ...RPM_PROMPTING) || rpmAnswersYes(context, pc)) continue;
      context.report({
        range: pc.command.range,
        message: `Use the -y switch to avoid manual input \`${pc.manager} install -y <package>\`.`,
        fix: [insertAfter(pc.actionWords.at(-1)!, '-y')],
      });
    }
  },
};
