/** DL3013: pip install without versions. */
import type { Rule } from './types.js';
import { isAction, listForMessage, optionValues, packageCommands, unpinnedPackages } from './util/packages.js';
import { hasFlag } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;
const LOCAL_FILES = ['.whl', '.tar.gz', '.tgz', '.tar.bz2', '.zip'];

/** A requirement with a version specifier, a VCS URL at a revision, a local archive or a path. */
export function isPipPinned(pkg: string): boolean {
  if (VERSION_SYMBOLS.some((s) => pkg.includes(s))) return true;
  if (VCS.test(pkg)) return /@[^/]+$/.test(pkg.replace(/#.*$/, ''));
  if (LOCAL_FILES.some((e) => pkg.endsWith(e))) return true;
  return pkg.includes('/') || pkg === '.' || pkg.startsWith('.');
}

export const pipPinVersions: Rule = {
  meta: {
    id: 'pip-pin-versions',
    aliases: ['DL3013'],
    severity: 'warning',
    title: 'Pin versions in pip install',
    practice:
      'Unpinned requirements install whatever is newest on the day of the build, so two builds of one Dockerfile can ' +
      'differ and break; pin `<package>==<version>` or install from a requirements or constraints file.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `pip install` (pip, pip3, `python -m pip`) of packages without a version specifier. Installs from ' +
        '`-r`/`--requirement` files, with `-c`/`--constraint`, of `.`, local archives, paths and VCS URLs at a revision ' +
        'are not reported.',
      bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'pip', 'install')) continue;
      if (hasFlag(optionValues(context, pc), '-r', '--requirement', '-c', '--constraint')) continue;
      const unpinned = unpinnedPackages(context, pc, isPipPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Pin versions in pip: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`pip install <package>\` use \`pip install <package>==<version>\` or \`pip install --requirement <requirements file>\`.`,
      });
    }
  },
};
