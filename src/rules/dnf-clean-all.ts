/** DL3040: dnf cache left in the layer. */
import type { Rule } from './types.js';
import { installWithoutCleanup, isAction, packageCommandOf } from './util/packages.js';
import { appendPoint, hasUnlayeredMount, removesPath, runInstructions, shipsInFinalImage } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const dnfCleanAll: Rule = {
  meta: {
    id: 'dnf-clean-all',
    aliases: ['DL3040'],
    severity: 'warning',
    title: 'Run dnf clean all after dnf install',
    practice:
      'dnf keeps repository metadata and downloaded packages in /var/cache/dnf (and /var/cache/yum); `dnf clean all` ' +
      'in the same RUN keeps them out of the layer.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a RUN with `dnf install` (or `microdnf install`) and no `dnf clean all` (`microdnf clean all`, ' +
        '`rm -rf /var/cache/dnf` or `/var/cache/yum`) after it, in stages whose files end up in the final image. A cache ' +
        'or tmpfs mount on the cache directory is fine too. `whittle fix` appends `&& dnf clean all` to the RUN.',
      bad: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62',
      good: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all',
      notes: "hadolint reports every stage; whittle only stages whose files ship in the final image, since a builder stage's cache is thrown away with it.",
    }),
  },
  check(context) {
    const df = context.dockerfile;
    for (const run of runInstructions(df)) {
      if (!shipsInFinalImage(df, run) || hasUnlayeredMount(run, '/var/cache/dnf') || hasUnlayeredMount(run, '/var/cache/yum')) continue;
      const install = installWithoutCleanup(
        run,
        (pc) => isAction(pc, ['dnf', 'microdnf'], 'install', 'group install', 'groups install', 'module install', 'reinstall', 'upgrade', 'update'),
        (c) => {
          const pc = packageCommandOf(run, c);
          const clean = pc !== undefined && isAction(pc, ['dnf', 'microdnf'], 'clean') && pc.packages.some((p) => p.value === 'all');
          return clean || removesPath(c, '/var/cache/dnf') || removesPath(c, '/var/cache/yum');
        },
      );
      if (!install) continue;
      const edit = appendPoint(df, run, `${install.manager} clean all`);
      context.report({
        range: install.command.range,
        message: `\`${install.manager} clean all\` missing after ${install.manager} command.`,
        ...(edit ? { fix: [edit] } : {}),
      });
    }
  },
};
