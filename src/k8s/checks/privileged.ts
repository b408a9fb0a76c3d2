import { containerSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const privileged: K8sCheck = {
  meta: meta({
    id: 'privileged-container',
    aliases: ['privileged-container', 'runAsPrivileged', 'container-security-context-privileged'],
    severity: 'error',
    title: 'Containers are not privileged',
    practice: 'A privileged container has every capability and the host devices: it is root on the node.',
    source: SEED.security,
    bad: 'securityContext:\n  privileged: true',
    good: 'securityContext:\n  privileged: false',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const v = containerSecurity(c, 'privileged');
      if (v.value === true) ctx.report({ at: v.at, message: `${label(c)} is privileged` });
    }
  },
};
