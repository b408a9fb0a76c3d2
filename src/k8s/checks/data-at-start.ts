import { commandStatements, isDownload, programOf } from '../command.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

export const dataAtStart: K8sCheck = {
  meta: meta({
    id: 'download-at-start',
    severity: 'warning',
    title: 'Data is fetched by an init container into a volume, not by the application at start',
    practice:
      'Fetching a dataset in the main command delays every start and restart, repeats on each crash, and mixes two jobs in one container. An init container writes it to a shared volume (emptyDir or a persistent volume) once, verified, before the application starts.',
    source: SEED.data,
    bad: 'command: ["sh", "-c", "curl -fsSLo /data/model.bin https://… && exec server"]',
    good: 'initContainers:\n  - name: fetch\n    command: ["sh", "-c", "curl -fsSLo /data/m.bin https://… && echo \'<sha256>  /data/m.bin\' | sha256sum -c"]\n    volumeMounts: [{name: data, mountPath: /data}]',
  }),
  check(ctx) {
    for (const c of longRunning(ctx.workload)) {
      const statements = commandStatements(c);
      const download = statements.find((s) => isDownload(s.text));
      if (!download) continue;
      ctx.report({
        at: containerField(c, [c.spec.command !== undefined ? 'command' : 'args']),
        message: `${label(c)} downloads data with ${programOf(download.text)} when it starts: move the download to an init container writing to a shared volume`,
      });
    }
  },
};
