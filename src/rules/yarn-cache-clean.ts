/** DL3060: yarn cache left in the layer. */
import type { Rule } from './types.js';
import { installWithoutCleanup, isAction, packageCommandOf } from './util/packages.js';
import { appendPoint, removesPath, runInstructions, shipsInFinalImage, unlayeredMountTargets } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const yarnCacheClean: Rule = {
  meta: {
    id: 'yarn-cache-clean',
    aliases: ['DL3060'],
    severity: 'info',
    title: 'Run yarn cache clean after yarn install',
    practice:
      'yarn (v1) keeps a copy of every package in its global cache; in an image that copy is never used again and ' +
      'doubles the size of node_modules in the layer. `yarn cache clean` in the same RUN removes it.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a RUN with `yarn install` (or a bare `yarn`) and no `yarn cache clean` after it, in stages whose files ' +
        'end up in the final image. A cache or tmpfs mount on the yarn cache is fine too. `whittle fix` appends ' +
        '`&& yarn cache clean` to the RUN.',
      bad: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile',
      good: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean',
      notes: 'hadolint reports every stage and only `yarn install`; whittle only stages whose files ship in the final image, and a bare `yarn` installs too.',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    for (const run of runInstructions(df)) {
      if (!shipsInFinalImage(df, run)) continue;
      if (unlayeredMountTargets(run).some((t) => /yarn/.test(t) || /(^|\/)\.cache$/.test(t))) continue;
      const install = installWithoutCleanup(
        run,
        (pc) => isAction(pc, 'yarn', 'install'),
        (c) => {
          const pc = packageCommandOf(run, c);
          return (pc !== undefined && isAction(pc, 'yarn', 'cache clean')) || removesPath(c, '/usr/local/share/.cache/yarn');
        },
      );
      if (!install) continue;
      const edit = appendPoint(df, run, 'yarn cache clean');
      context.report({ range: install.command.range, message: '`yarn cache clean` missing after `yarn install` was run.', ...(edit ? { fix: [edit] } : {}) });
    }
  },
};
