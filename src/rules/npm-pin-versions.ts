/** DL3016: npm install of packages without versions. */
import type { Rule } from './types.js';
import { isAction, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const GIT_PREFIXES = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];
const PATH_PREFIXES = ['/', './', '../', '~/'];
const TARBALLS = ['.tar', '.tar.gz', '.tgz'];

/** `name@version`, `@scope/name@version`, a git URL with `#commit`/`#semver:`, a tarball or a folder. */
export function isNpmPinned(pkg: string): boolean {
  if (GIT_PREFIXES.some((p) => pkg.startsWith(p))) return pkg.includes('#');
  if (TARBALLS.some((s) => pkg.endsWith(s))) return true;
  if (PATH_PREFIXES.some((p) => pkg.startsWith(p)) || pkg === '.' || pkg === '..') return true;
  const unscoped = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  return unscoped.includes('@');
}

export const npmPinVersions: Rule = {
  meta: {
    id: 'npm-pin-versions',
    aliases: ['DL3016'],
    severity: 'warning',
    title: 'Pin versions in npm install',
    practice:
      'A package named without a version installs the newest release on the day of the build; pin ' +
      '`<package>@<version>` (or install from package.json and a lockfile) so rebuilds give the same image.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `npm install <package>` (and its aliases `npm i`, `npm add`) of packages without `@<version>`. ' +
        '`npm install` without packages (from package.json), `npm ci`, tarballs, folders and git URLs with `#<commit>` ' +
        'are not reported.',
      bad: 'FROM node:22-slim\nRUN npm install -g typescript',
      good: 'FROM node:22-slim\nRUN npm install -g typescript@5.6.3',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'npm', 'install')) continue;
      const unpinned = unpinnedPackages(context, pc, isNpmPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Pin versions in npm: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`npm install <package>\` use \`npm install <package>@<version>\`.`,
      });
    }
  },
};
