/** DL3008: apt-get install without versions. */
import type { Rule } from './types.js';
import { isAction, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** `pkg=1.2-1` pins; `pkg/bookworm-backports` selects a release; a `.deb` file (or a path) is a fixed file. */
export function isAptPinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}

export const aptGetPinVersions: Rule = {
  meta: {
    id: 'apt-get-pin-versions',
    aliases: ['DL3008'],
    severity: 'warning',
    title: 'Pin versions in apt-get install',
    practice:
      'Unpinned packages make the image depend on the day it was built: a rebuild silently pulls new versions, and a ' +
      'cached layer hides that until the cache is lost. `apt-get install <package>=<version>` makes builds repeatable.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `apt-get install` (and `apt install`) of packages without `=<version>`. A release selection ' +
        '(`pkg/bookworm-backports`) and `.deb` files count as pinned; a version given through ARG or ENV ' +
        '(`curl=${CURL_VERSION}`) counts as pinned, and the values of ARG/ENV variables are judged after expansion.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
      good: 'FROM debian:12\nARG CURL_VERSION=7.88.1-10+deb12u8\nRUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION}',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, ['apt-get', 'apt'], 'install')) continue;
      const unpinned = unpinnedPackages(context, pc, isAptPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Pin versions in apt-get install: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`apt-get install <package>\` use \`apt-get install <package>=<version>\`.`,
      });
    }
  },
};
