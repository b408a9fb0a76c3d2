import { resolveSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const runAsUserRoot: K8sCheck = {
  meta: meta({
    id: 'run-as-user-root',
    severity: 'warning',
    title: 'runAsUser is not 0',
    practice: 'runAsUser: 0 runs the container as root on purpose; choose a non-zero user the image owns its files for.',
    source: SEED.security,
    bad: 'securityContext:\n  runAsUser: 0',
    good: 'securityContext:\n  runAsUser: 10001',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const user = resolveSecurity(ctx.workload, c, 'runAsUser');
      if (user.value !== 0 || resolveSecurity(ctx.workload, c, 'runAsNonRoot').value === true) continue;
      ctx.report({ at: user.at, message: `${label(c)} runs as root (runAsUser: 0${user.level === 'pod' ? ', from the pod' : ''})` });
    }
  },
};
