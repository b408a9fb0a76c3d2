import { isDeepStrictEqual } from 'node:util';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

export const identicalProbes: K8sCheck = {
  meta: meta({
    id: 'liveness-same-as-readiness',
    aliases: ['pod-probes-identical'],
    severity: 'warning',
    title: 'The liveness probe differs from the readiness probe',
    practice:
      'Readiness says "send me traffic", liveness says "restart me". When they are the same check, an overloaded container that should only leave the Service is restarted too, and the restarts cascade.',
    source: SEED.health,
    bad: 'readinessProbe: {httpGet: {path: /health, port: http}}\nlivenessProbe: {httpGet: {path: /health, port: http}}',
    good: 'readinessProbe: {httpGet: {path: /ready, port: http}}\nlivenessProbe: {httpGet: {path: /healthz, port: http}}',
  }),
  check(ctx) {
    for (const c of longRunning(ctx.workload)) {
      const { livenessProbe: l, readinessProbe: r } = c.spec;
      if (l === undefined || r === undefined || !isDeepStrictEqual(l, r)) continue;
      ctx.report({ at: containerField(c, ['livenessProbe']), message: `${label(c)}: livenessProbe is identical to readinessProbe` });
    }
  },
};
