/** DL3041: dnf install without versions. */
import type { Rule } from './types.js';
import { isAction, isRpmVersioned, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const dnfPinVersions: Rule = {
  meta: {
    id: 'dnf-pin-versions',
    aliases: ['DL3041'],
    severity: 'warning',
    title: 'Pin versions in dnf install',
    practice:
      'Unpinned packages make the image depend on the day it was built; `dnf install -y <package>-<version>` keeps ' +
      'rebuilds the same.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `dnf install` and `microdnf install` of packages without `-<version>` (and `dnf module install` of ' +
        'modules without `:<stream>`). `.rpm` files count as pinned; group installs are not checked.',
      bad: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all',
      good: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      const isModule = isAction(pc, ['dnf', 'microdnf'], 'module install');
      if (!isModule && !isAction(pc, ['dnf', 'microdnf'], 'install', 'reinstall')) continue;
      const unpinned = unpinnedPackages(context, pc, isModule ? (m) => m.includes(':') : isRpmVersioned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: isModule
          ? `Specify the stream with \`dnf module install -y <module>:<stream>\`: ${listForMessage(unpinned)}.`
          : `Specify version with \`dnf install -y <package>-<version>\`: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version.`,
      });
    }
  },
};
