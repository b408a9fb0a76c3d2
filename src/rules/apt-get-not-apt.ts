/** DL3027: `apt` in scripts; apt-get and apt-cache have a stable interface. */
import type { Rule } from './types.js';
import { packageCommands } from './util/packages.js';
import { replaceWord } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** Sub-commands apt-get has with the same meaning, so `apt X` can become `apt-get X`. */
const APT_GET_ACTIONS = new Set([
  'update', 'upgrade', 'install', 'reinstall', 'remove', 'purge', 'autoremove', 'autopurge', 'dist-upgrade', 'clean',
  'autoclean', 'source', 'build-dep', 'download', 'satisfy', 'check', 'changelog',
]);

export const aptGetNotApt: Rule = {
  meta: {
    id: 'apt-get-not-apt',
    aliases: ['DL3027'],
    severity: 'warning',
    title: 'Use apt-get or apt-cache instead of apt',
    practice:
      'apt is meant for people at a terminal: its output and behaviour may change between releases and it warns ' +
      '"apt does not have a stable CLI interface"; apt-get and apt-cache are the stable interface for scripts.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `apt` commands. `whittle fix` replaces `apt` with `apt-get` for sub-commands apt-get has ' +
        '(install, update, upgrade, remove, purge, autoremove, dist-upgrade, clean ...); `apt search`, `apt show`, ' +
        '`apt list` and `apt full-upgrade` are reported without a fix.',
      bad: 'FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl',
      good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    }),
  },
  check(context) {
    for (const pc of packageCommands(context.dockerfile)) {
      if (pc.manager !== 'apt') continue;
      const word = pc.programWord;
      const fixable = APT_GET_ACTIONS.has(pc.action) && word.literal && word.raw.endsWith('apt') && word.value.endsWith('apt');
      context.report({
        range: word.range,
        message: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead.',
        ...(fixable ? { fix: [replaceWord(word, `${word.raw}-get`)] } : {}),
      });
    }
  },
};
