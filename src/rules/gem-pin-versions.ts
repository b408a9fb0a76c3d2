/** DL3028: gem install without versions. */
import type { Rule } from './types.js';
import { isAction, listForMessage, optionValues, packageCommands, unpinnedPackages } from './util/packages.js';
import { hasFlag } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** `gem:version` or a local `.gem` file. */
export function isGemPinned(pkg: string): boolean {
  return pkg.includes(':') || pkg.endsWith('.gem');
}

export const gemPinVersions: Rule = {
  meta: {
    id: 'gem-pin-versions',
    aliases: ['DL3028'],
    severity: 'warning',
    title: 'Pin versions in gem install',
    practice:
      'A gem named without a version installs the newest release on the day of the build; pin `<gem>:<version>` or ' +
      'pass `-v <version>` (or use a Gemfile.lock with bundler) so rebuilds give the same image.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary: 'Reports `gem install` (`gem i`) of gems without `:<version>`, unless `-v`/`--version` is given.',
      bad: 'FROM ruby:3.3-slim\nRUN gem install bundler',
      good: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, 'gem', 'install') || hasFlag(optionValues(context, pc), '-v', '--version')) continue;
      const unpinned = unpinnedPackages(context, pc, isGemPinned);
      if (unpinned.length === 0) continue;
      context.report({
        range: pc.command.range,
        message: `Pin versions in gem install: ${listForMessage(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`gem install <gem>\` use \`gem install <gem>:<version>\`.`,
      });
    }
  },
};
