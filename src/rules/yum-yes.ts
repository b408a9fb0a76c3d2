/** DL3030: yum install without -y. */
import type { Rule, RuleContext } from './types.js';
import { fedByYes, isAction, optionValues, packageCommands } from './util/packages.js';
import type { PackageCommand } from './util/packages.js';
import { hasFlag, insertAfter } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** yum and dnf sub-commands that ask "Is this ok [y/N]". */
export const RPM_PROMPTING = [
  'install', 'group install', 'groups install', 'module install', 'reinstall', 'update', 'upgrade', 'remove', 'erase',
  'downgrade', 'autoremove', 'distro-sync', 'group remove', 'group update', 'group upgrade',
];

/** `-y`, `--assumeyes`, `--setopt=assumeyes=1`, or `yes |`. */
export function rpmAnswersYes(context: RuleContext, pc: PackageCommand): boolean {
  const options = optionValues(context, pc);
  return (
    hasFlag(options, '-y', '--assumeyes') ||
    options.some((o) => /^(--setopt=)?assumeyes=(1|true|yes)$/i.test(o)) ||
    fedByYes(pc)
  );
}

export const yumYes: Rule = {
  meta: {
    id: 'yum-yes',
    aliases: ['DL3030'],
    severity: 'warning',
    title: 'Use -y with yum install',
    practice: 'A build cannot answer "Is this ok [y/N]"; without `-y` yum stops and the build fails.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports yum commands that prompt (install, groupinstall, localinstall, update, remove ...) without `-y` or ' +
        '`--assumeyes`. `whittle fix` inserts `-y` after the sub-command.',
      bad: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
      notes: 'hadolint checks only install, groupinstall and localinstall; update, remove and the other prompting sub-commands fail a build the same way.',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'yum', ...RPM_PROMPTING) || rpmAnswersYes(context, pc)) continue;
      context.report({
        range: pc.command.range,
        message: 'Use the -y switch to avoid manual input `yum install -y <package>`.',
        fix: [insertAfter(pc.actionWords.at(-1)!, '-y')],
      });
    }
  },
};
