/** DL3033: yum install without versions. */
import type { Rule } from './types.js';
import { isAction, isRpmVersioned, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const yumPinVersions: Rule = {
  meta: {
    id: 'yum-pin-versions',
    aliases: ['DL3033'],
    severity: 'warning',
    title: 'Pin versions in yum install',
    practice:
      'Unpinned packages make the image depend on the day it was built; `yum install -y <package>-<version>` keeps ' +
      'rebuilds the same.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `yum install` of packages without `-<version>` (and `yum module install` of modules without ' +
        '`:<stream>`). A hyphen alone is not a version: `python3-devel` is a name, `python3-devel-3.9.18` is pinned. ' +
        '`.rpm` files count as pinned; group installs are not checked.',
      bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
      notes: 'hadolint accepts any hyphen as a version; whittle asks for a part that starts with a digit (as hadolint DL3041 does for dnf).',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      const isModule = isAction(pc, 'yum', 'module install');
      if (!isModule && !isAction(pc, 'yum', 'install', 'reinstall')) continue;
      const unpinned = unpinnedPackages(context, pc, isModule ? (m) => m.includes(':') : isRpmVersioned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: isModule
          ? `Specify the stream with \`yum module install -y <module>:<stream>\`: ${listForMessage(unpinned)}.`
          : `Specify version with \`yum install -y <package>-<version>\`: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version.`,
      });
    }
  },
};
