import { asRecord } from '../model.js';
import { resolveSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const seccomp: K8sCheck = {
  meta: meta({
    id: 'seccomp-profile',
    severity: 'info',
    title: 'A seccomp profile is set',
    practice: 'Without a seccompProfile (RuntimeDefault or Localhost) the container may call every system call the kernel offers.',
    source: SEED.security,
    bad: 'securityContext: {}',
    good: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const profile = resolveSecurity(ctx.workload, c, 'seccompProfile');
      const type = asRecord(profile.value).type;
      if (type === 'RuntimeDefault' || type === 'Localhost') continue;
      ctx.report({ at: profile.at, message: `${label(c)}: seccompProfile is ${type === undefined ? 'not set' : String(type)}; use RuntimeDefault` });
    }
  },
};
