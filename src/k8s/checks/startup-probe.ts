import { asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

/** Seconds a container gets before failed liveness checks kill it, below which a slow starter needs a startupProbe. */
export const STARTUP_BUDGET_SECONDS = 30;

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export const startupProbe: K8sCheck = {
  meta: meta({
    id: 'startup-probe-missing',
    severity: 'info',
    title: 'A liveness probe with a short start budget comes with a startupProbe',
    practice:
      'The liveness probe starts counting at once: initialDelaySeconds + failureThreshold × periodSeconds (30 s by default) is all a container gets to start before it is killed and restarted, in a loop for a slow starter. A startupProbe holds liveness off until the application is up.',
    source: SEED.health,
    bad: 'livenessProbe:\n  httpGet: {path: /healthz, port: http}',
    good: 'startupProbe:\n  httpGet: {path: /healthz, port: http}\n  failureThreshold: 30\n  periodSeconds: 5\nlivenessProbe:\n  httpGet: {path: /healthz, port: http}',
  }),
  check(ctx) {
    for (const c of longRunning(ctx.workload)) {
      if (c.spec.livenessProbe === undefined || c.spec.startupProbe !== undefined) continue;
      const p = asRecord(c.spec.livenessProbe);
      const budget = num(p.initialDelaySeconds, 0) + num(p.failureThreshold, 3) * num(p.periodSeconds, 10);
      if (budget > STARTUP_BUDGET_SECONDS) continue;
      ctx.report({
        at: containerField(c, ['livenessProbe']),
        message: `${label(c)}: the liveness probe kills it if it has not started within ${budget} s; add a startupProbe (or raise initialDelaySeconds)`,
      });
    }
  },
};
