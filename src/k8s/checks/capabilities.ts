import { addSecurityField } from '../fixes.js';
import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

export const capabilitiesDropAll: K8sCheck = {
  meta: meta({
    id: 'capabilities-drop-all',
    severity: 'warning',
    title: 'Containers drop all capabilities',
    practice: 'The runtime grants a dozen capabilities by default (NET_RAW, CHOWN, SETUID ...); drop ALL and add back only what the program needs.',
    source: SEED.security,
    fixable: true,
    bad: 'securityContext: {}',
    good: 'securityContext:\n  capabilities:\n    drop: [ALL]',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const caps = asRecord(asRecord(c.spec.securityContext).capabilities);
      const drop = asArray(caps.drop).map((d) => String(d).toUpperCase());
      if (drop.includes('ALL')) continue;
      const fix = caps.drop === undefined ? addSecurityField(ctx.file, c, ['capabilities', 'drop'], '[ALL]') : undefined;
      ctx.report({
        at: containerField(c, ['securityContext', 'capabilities', 'drop']),
        message: `${label(c)} keeps the default capabilities: drop ALL`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
