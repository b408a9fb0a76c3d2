/** DL3036: zypper cache left in the layer. */
import type { Rule } from './types.js';
import { installWithoutCleanup, isAction, packageCommandOf } from './util/packages.js';
import { appendPoint, hasUnlayeredMount, removesPath, runInstructions, shipsInFinalImage } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const zypperClean: Rule = {
  meta: {
    id: 'zypper-clean',
    aliases: ['DL3036'],
    severity: 'warning',
    title: 'Run zypper clean after zypper install',
    practice:
      'zypper keeps repository metadata and packages in /var/cache/zypp; `zypper clean` in the same RUN keeps them ' +
      'out of the layer.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a RUN with `zypper install` and no `zypper clean` (`zypper cc`, `rm -rf /var/cache/zypp`) after it, in ' +
        'stages whose files end up in the final image. `whittle fix` appends `&& zypper clean` to the RUN.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0',
      good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean',
      notes: "hadolint reports every stage; whittle only stages whose files ship in the final image, since a builder stage's cache is thrown away with it.",
    }),
  },
  check(context) {
    const df = context.dockerfile;
    for (const run of runInstructions(df)) {
      if (!shipsInFinalImage(df, run) || hasUnlayeredMount(run, '/var/cache/zypp')) continue;
      const install = installWithoutCleanup(
        run,
        (pc) => isAction(pc, 'zypper', 'install', 'source-install', 'update', 'patch'),
        (c) => {
          const pc = packageCommandOf(run, c);
          return (pc !== undefined && isAction(pc, 'zypper', 'clean')) || removesPath(c, '/var/cache/zypp');
        },
      );
      if (!install) continue;
      const edit = appendPoint(df, run, 'zypper clean');
      context.report({ range: install.command.range, message: '`zypper clean` missing after zypper use.', ...(edit ? { fix: [edit] } : {}) });
    }
  },
};
