/** DL3062: go install of a module without a version. */
import type { Rule } from './types.js';
import { isAction, listForMessage, packageCommands, unpinnedPackages } from './util/packages.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** `pkg@v1.2.3` (or a commit); `@latest`, `@master` and friends move; local paths build what is there. */
export function isGoPinned(pkg: string): boolean {
  if (pkg === '.' || pkg.startsWith('./') || pkg.startsWith('../') || pkg.startsWith('/') || pkg.startsWith('...')) return true;
  const at = pkg.lastIndexOf('@');
  if (at < 0) return false;
  const version = pkg.slice(at + 1);
  return version !== '' && !['latest', 'upgrade', 'patch', 'master', 'main', 'HEAD'].includes(version);
}

export const goInstallPinVersions: Rule = {
  meta: {
    id: 'go-install-pin-versions',
    aliases: ['DL3062'],
    severity: 'warning',
    title: 'Pin versions in go install',
    practice:
      '`go install <module>` and `@latest` build whatever is newest on the day of the build; `@<version>` makes ' +
      'rebuilds give the same binary.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `go install` of remote packages without `@<version>` or with `@latest` (also `@master`, `@main`, ' +
        '`@HEAD`). Local packages (`.`, `./cmd/app`) are not reported.',
      bad: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest',
      good: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'go', 'install')) continue;
      const unpinned = unpinnedPackages(context, pc, isGoPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Pin versions in go install: ${listForMessage(unpinned)}. Instead of \`go install <package>\` use \`go install <package>@<version>\`.`,
      });
    }
  },
};
