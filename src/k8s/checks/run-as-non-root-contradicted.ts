import { resolveSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const runAsNonRootContradicted: K8sCheck = {
  meta: meta({
    id: 'run-as-non-root-contradicted',
    severity: 'error',
    title: 'runAsNonRoot: true is not contradicted by runAsUser: 0',
    practice: 'With runAsNonRoot: true and runAsUser: 0 (at the pod or container level) the kubelet refuses to start the container: CreateContainerConfigError.',
    source: SEED.security,
    bad: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 0',
    good: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const user = resolveSecurity(ctx.workload, c, 'runAsUser');
      const nonRoot = resolveSecurity(ctx.workload, c, 'runAsNonRoot');
      if (user.value !== 0 || nonRoot.value !== true) continue;
      ctx.report({
        at: user.at,
        message: `${label(c)}: runAsUser: 0 (${user.level}) contradicts runAsNonRoot: true (${nonRoot.level}); the container will never start`,
      });
    }
  },
};
