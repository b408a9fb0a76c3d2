import { asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

const has = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

export const ephemeralStorage: K8sCheck = {
  meta: meta({
    id: 'ephemeral-storage-missing',
    aliases: ['container-ephemeral-storage-request-and-limit'],
    severity: 'info',
    title: 'Containers request and limit ephemeral storage',
    practice:
      "The writable layer, logs and emptyDir volumes live on the node's disk. A request lets the scheduler place the pod where there is room; a limit evicts a container that fills the disk before it takes the node's other pods with it.",
    source: SEED.runtimeConfig,
    bad: 'resources:\n  requests: {cpu: 100m, memory: 128Mi}',
    good: 'resources:\n  requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 256Mi}\n  limits: {memory: 256Mi, ephemeral-storage: 1Gi}',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const resources = asRecord(c.spec.resources);
      const missing = (['requests', 'limits'] as const).filter((s) => !has(asRecord(resources[s])['ephemeral-storage']));
      if (missing.length === 0) continue;
      const what = missing.map((s) => (s === 'requests' ? 'request' : 'limit')).join(' or ');
      ctx.report({ at: containerField(c, ['resources', missing[0]!]), message: `${label(c)} has no ephemeral-storage ${what}: a container filling the node's disk is evicted only with a limit` });
    }
  },
};
