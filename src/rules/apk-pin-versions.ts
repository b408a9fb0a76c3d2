/** DL3018: apk add without versions. */
import type { Rule } from './types.js';
import { isAction, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** `pkg=1.2-r0`, `pkg~1.2` (and `>=`, `<=` which hold `=`), or a local `.apk` file. */
export function isApkPinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('~') || pkg.endsWith('.apk');
}

export const apkPinVersions: Rule = {
  meta: {
    id: 'apk-pin-versions',
    aliases: ['DL3018'],
    severity: 'warning',
    title: 'Pin versions in apk add',
    practice:
      'Unpinned packages make the image depend on the day it was built; `apk add <package>=<version>` (or ' +
      '`<package>~<version>` for a series) keeps rebuilds the same.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `apk add` of packages without `=<version>` or `~<version>`. The name given to `--virtual`/`-t` is not ' +
        'a package; `.apk` files count as pinned; ARG/ENV values are judged after expansion.',
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'apk', 'add')) continue;
      const unpinned = unpinnedPackages(context, pc, isApkPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Pin versions in apk add: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`apk add <package>\` use \`apk add <package>=<version>\`.`,
      });
    }
  },
};
