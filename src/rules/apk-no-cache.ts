/** DL3019: apk add without --no-cache. */
import type { Rule } from './types.js';
import { isAction, optionValues, packageCommands } from './util/packages.js';
import { hasFlag, hasUnlayeredMount, insertAfter, shipsInFinalImage } from './util/shell.js';
import { ruleDocs, SEEDS } from './util/shell-rule-docs.js';

export const apkNoCache: Rule = {
  meta: {
    id: 'apk-no-cache',
    aliases: ['DL3019'],
    severity: 'info',
    title: 'Use apk add --no-cache',
    practice:
      '`apk add --no-cache` fetches the index on the fly and keeps neither it nor the downloaded packages in ' +
      '/var/cache/apk, so there is no need for `apk update` and no cache to delete afterwards (seeds/002 uses it in ' +
      'every Alpine variant; seeds/003 advises it over deleting the index by hand).',
    source: `${SEEDS.pythonImages}, ${SEEDS.smallImages}, hadolint`,
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `apk add` without `--no-cache` in stages whose files end up in the final image, unless a cache or ' +
        'tmpfs mount covers /var/cache/apk (or /etc/apk/cache). `whittle fix` inserts `--no-cache` after `add`.',
      bad: 'FROM alpine:3.20\nRUN apk update && apk add curl=8.12.1-r0 && rm -rf /var/cache/apk/*',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0',
      notes: "hadolint reports every stage; whittle only stages whose files ship in the final image, since a builder stage's cache is thrown away with it.",
    }),
  },
  check(context) {
    const df = context.dockerfile;
    for (const pc of packageCommands(df)) {
      if (!isAction(pc, 'apk', 'add') || !shipsInFinalImage(df, pc.run)) continue;
      if (hasFlag(optionValues(context, pc), '--no-cache')) continue;
      if (hasUnlayeredMount(pc.run, '/var/cache/apk') || hasUnlayeredMount(pc.run, '/etc/apk/cache')) continue;
      context.report({
        range: pc.command.range,
        message: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.',
        fix: [insertAfter(pc.actionWords.at(-1)!, '--no-cache')],
      });
    }
  },
};
