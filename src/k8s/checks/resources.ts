import { asRecord } from '../model.js';
import type { ContainerRef } from '../model.js';
import type { K8sCheck, K8sCheckContext } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

function missing(ctx: K8sCheckContext, section: 'requests' | 'limits', resource: 'cpu' | 'memory', why: string): void {
  for (const c of ctx.workload.containers as ContainerRef[]) {
    const value = asRecord(asRecord(c.spec.resources)[section])[resource];
    if (value !== undefined && value !== null && value !== '') continue;
    // At `resources.<section>` or `resources` when they exist, else the container.
    const at = containerField(c, ['resources', section]);
    ctx.report({ at, message: `${label(c)} has no ${resource} ${section === 'requests' ? 'request' : 'limit'}: ${why}` });
  }
}

const BAD = 'containers:\n  - name: web\n    image: web:1.4';
const GOOD = 'resources:\n  requests: {cpu: 100m, memory: 128Mi}\n  limits: {memory: 256Mi}';

export const cpuRequest: K8sCheck = {
  meta: meta({
    id: 'cpu-request-missing',
    aliases: ['unset-cpu-requirements', 'cpuRequestsMissing', 'container-resources'],
    severity: 'warning',
    title: 'Containers request CPU',
    practice: 'The scheduler places pods by their requests; without one the pod lands on a full node and is starved.',
    source: SEED.runtimeConfig,
    bad: BAD,
    good: GOOD,
  }),
  check: (ctx) => missing(ctx, 'requests', 'cpu', 'the scheduler cannot place it by its needs'),
};

export const memoryRequest: K8sCheck = {
  meta: meta({
    id: 'memory-request-missing',
    aliases: ['unset-memory-requirements', 'memoryRequestsMissing', 'container-resources'],
    severity: 'warning',
    title: 'Containers request memory',
    practice: 'Without a memory request the pod is first to be evicted under memory pressure and may land on a node without room for it.',
    source: SEED.runtimeConfig,
    bad: BAD,
    good: GOOD,
  }),
  check: (ctx) => missing(ctx, 'requests', 'memory', 'it is the first evicted under memory pressure'),
};

export const memoryLimit: K8sCheck = {
  meta: meta({
    id: 'memory-limit-missing',
    aliases: ['unset-memory-requirements', 'memoryLimitsMissing', 'container-resources'],
    severity: 'warning',
    title: 'Containers set a memory limit',
    practice: 'A container without a memory limit can take the whole node down with it when it leaks.',
    source: SEED.runtimeConfig,
    bad: BAD,
    good: GOOD,
  }),
  check: (ctx) => missing(ctx, 'limits', 'memory', 'a leak can exhaust the node'),
};
