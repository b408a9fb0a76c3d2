import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerSpan } from '../where.js';
import { label, meta, servingContainers } from './util.js';

export const readinessProbe: K8sCheck = {
  meta: meta({
    id: 'readiness-probe-missing',
    aliases: ['no-readiness-probe', 'readinessProbeMissing', 'pod-probes'],
    severity: 'warning',
    title: 'Long-running containers have a readiness probe',
    practice: 'Kubernetes adds a pod to its Services only once the readiness probe passes; without one, traffic reaches a container still starting.',
    source: SEED.health,
    bad: 'containers:\n  - name: web\n    image: web:1.4',
    good: 'containers:\n  - name: web\n    image: web:1.4\n    readinessProbe:\n      httpGet: {path: /ready, port: http}',
  }),
  check(ctx) {
    for (const c of servingContainers(ctx.workload)) {
      if (c.spec.readinessProbe === undefined) ctx.report({ at: containerSpan(c), message: `${label(c)} has no readinessProbe` });
    }
  },
};
