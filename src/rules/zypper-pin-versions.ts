/** DL3037: zypper install without versions. */
import type { Rule } from './types.js';
import { isAction, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { flagValue } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** `pkg=1.2`, `pkg>=1.2`, `pkg<2` or an `.rpm` file. */
export function isZypperPinned(pkg: string): boolean {
  return /[=<>]/.test(pkg) || pkg.endsWith('.rpm');
}

export const zypperPinVersions: Rule = {
  meta: {
    id: 'zypper-pin-versions',
    aliases: ['DL3037'],
    severity: 'warning',
    title: 'Pin versions in zypper install',
    practice:
      'Unpinned packages make the image depend on the day it was built; `zypper install -y <package>=<version>` keeps ' +
      'rebuilds the same.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `zypper install` (`zypper in`) of packages without a version (`=`, `>=`, `<`...). Patterns, products ' +
        'and patches (`-t pattern`) have no versions and are not checked; `.rpm` files count as pinned.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean',
      good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'zypper', 'install')) continue;
      const type = flagValue(pc.options, '-t', '--type');
      if (type && type !== 'package') continue;
      const unpinned = unpinnedPackages(context, pc, isZypperPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Specify version with \`zypper install -y <package>=<version>\`: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version.`,
      });
    }
  },
};
