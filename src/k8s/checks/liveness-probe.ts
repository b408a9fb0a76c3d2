import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerSpan } from '../where.js';
import { label, meta, servingContainers } from './util.js';

export const livenessProbe: K8sCheck = {
  meta: meta({
    id: 'liveness-probe-missing',
    aliases: ['no-liveness-probe', 'livenessProbeMissing', 'pod-probes'],
    severity: 'warning',
    title: 'Long-running containers have a liveness probe',
    practice: 'A liveness probe lets Kubernetes restart a container that is running but no longer working (deadlocked, wedged).',
    source: SEED.health,
    bad: 'containers:\n  - name: web\n    image: web:1.4',
    good: 'containers:\n  - name: web\n    image: web:1.4\n    livenessProbe:\n      httpGet: {path: /healthz, port: http}',
  }),
  check(ctx) {
    for (const c of servingContainers(ctx.workload)) {
      if (c.spec.livenessProbe === undefined) ctx.report({ at: containerSpan(c), message: `${label(c)} has no livenessProbe` });
    }
  },
};
