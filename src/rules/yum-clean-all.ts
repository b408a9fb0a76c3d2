/** DL3032: yum cache left in the layer. */
import type { Rule } from './types.js';
import { installWithoutCleanup, isAction, packageCommandOf } from './util/packages.js';
import { appendPoint, hasUnlayeredMount, removesPath, runInstructions, shipsInFinalImage } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const yumCleanAll: Rule = {
  meta: {
    id: 'yum-clean-all',
    aliases: ['DL3032'],
    severity: 'warning',
    title: 'Run yum clean all after yum install',
    practice:
      'yum keeps repository metadata and downloaded packages in /var/cache/yum; `yum clean all` in the same RUN keeps ' +
      'them out of the layer (a later RUN cannot shrink an earlier layer).',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a RUN with `yum install` and no `yum clean all` (or `rm -rf /var/cache/yum`) after it, in stages whose ' +
        'files end up in the final image. A cache or tmpfs mount on /var/cache/yum is fine too. `whittle fix` appends ' +
        '`&& yum clean all` to the RUN.',
      bad: 'FROM centos:7\nRUN yum install -y httpd-2.4.6',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
      notes: 'hadolint reports every stage and does not look at the order; whittle only reports stages whose files ship in the final image, and a clean must come after the last install.',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    for (const run of runInstructions(df)) {
      if (!shipsInFinalImage(df, run) || hasUnlayeredMount(run, '/var/cache/yum')) continue;
      const install = installWithoutCleanup(
        run,
        (pc) => isAction(pc, 'yum', 'install', 'group install', 'groups install', 'module install', 'reinstall', 'update', 'upgrade'),
        (c) => {
          const pc = packageCommandOf(run, c);
          return (pc !== undefined && isAction(pc, 'yum', 'clean') && pc.packages.some((p) => p.value === 'all')) || removesPath(c, '/var/cache/yum');
        },
      );
      if (!install) continue;
      const edit = appendPoint(df, run, 'yum clean all');
      context.report({ range: install.command.range, message: '`yum clean all` missing after yum command.', ...(edit ? { fix: [edit] } : {}) });
    }
  },
};
