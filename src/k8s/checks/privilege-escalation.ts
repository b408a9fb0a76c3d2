import { addSecurityField } from '../fixes.js';
import { containerSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const privilegeEscalation: K8sCheck = {
  meta: meta({
    id: 'privilege-escalation-allowed',
    aliases: ['privilege-escalation-container', 'privilegeEscalationAllowed'],
    severity: 'warning',
    title: 'allowPrivilegeEscalation is false',
    practice: 'Without allowPrivilegeEscalation: false a process can gain more privileges than its parent (setuid binaries, no_new_privs unset).',
    source: SEED.security,
    fixable: true,
    bad: 'securityContext: {}',
    good: 'securityContext:\n  allowPrivilegeEscalation: false',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const v = containerSecurity(c, 'allowPrivilegeEscalation');
      if (v.value === false) continue;
      const fix = v.value === undefined ? addSecurityField(ctx.file, c, ['allowPrivilegeEscalation'], 'false') : undefined;
      ctx.report({ at: v.at, message: `${label(c)}: allowPrivilegeEscalation is not false`, ...(fix ? { fix } : {}) });
    }
  },
};
