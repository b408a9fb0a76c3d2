/** DL3014: apt-get install (or upgrade, remove ...) that would stop at the "Do you want to continue?" prompt. */
import type { Rule } from './types.js';
import type { PackageCommand } from './util/packages.js';
import type { RuleContext } from './types.js';
import { fedByYes, isAction, optionValues, packageCommands } from './util/packages.js';
import { hasFlag, insertAfter } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const PROMPTING = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'build-dep', 'reinstall'];

/** `-qq` (quiet level 2) implies `-y` in apt-get. */
function quietLevel(options: readonly string[]): number {
  let level = 0;
  for (const v of options) {
    const explicit = /^(?:-q|--quiet)=(\d+)$/.exec(v);
    if (explicit) level = Math.max(level, Number(explicit[1]));
    else if (v === '--quiet') level++;
    else if (/^-[A-Za-z0-9]+$/.test(v)) level += [...v.slice(1)].filter((c) => c === 'q').length;
  }
  return level;
}

export function answersYes(context: RuleContext, pc: PackageCommand): boolean {
  const options = optionValues(context, pc);
  if (hasFlag(options, '-y', '--yes', '--assume-yes', '--force-yes')) return true;
  if (quietLevel(options) >= 2) return true;
  if (options.some((o) => /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(o))) return true;
  return fedByYes(pc);
}

export const aptGetYes: Rule = {
  meta: {
    id: 'apt-get-yes',
    aliases: ['DL3014'],
    severity: 'warning',
    title: 'Use -y with apt-get install',
    practice:
      'A build has no terminal to answer "Do you want to continue?": without `-y` apt-get aborts as soon as it ' +
      'would ask, and the build fails depending on what the package set happens to need.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `apt-get install` (and `upgrade`, `dist-upgrade`, `remove`, `purge`, `autoremove`, `build-dep`; ' +
        '`apt` too) without `-y`, `--yes`, `--assume-yes`, `-qq` or `-o APT::Get::Assume-Yes=true`, unless fed by ' +
        '`yes |`. `whittle fix` inserts `-y` after the sub-command.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
      notes: 'hadolint checks only `install` and also accepts a single `-q`, which does not answer the prompt (only `-qq` implies `-y`).',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (!isAction(pc, ['apt-get', 'apt'], ...PROMPTING) || answersYes(context, pc)) continue;
      const actionWord = pc.actionWords.at(-1)!;
      context.report({
        range: pc.command.range,
        message: `Use the \`-y\` switch to avoid manual input: \`${pc.manager} ${pc.action} -y <package>\`.`,
        fix: [insertAfter(actionWord, '-y')],
      });
    }
  },
};
