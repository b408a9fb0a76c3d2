import { addContainerField } from '../fixes.js';
import { asRecord } from '../model.js';
import type { ContainerRef } from '../model.js';
import type { K8sCheck, K8sCheckContext } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

/** Request placeholders `--fix-resources` writes: valid quantities, marked for the user to replace with measured ones. */
export const REQUEST_PLACEHOLDERS = { cpu: '100m', memory: '128Mi' } as const;
export const PLACEHOLDER_COMMENT = 'TODO: measure';

function missing(ctx: K8sCheckContext, section: 'requests' | 'limits', resource: 'cpu' | 'memory', why: string): void {
  for (const c of ctx.workload.containers as ContainerRef[]) {
    const value = asRecord(asRecord(c.spec.resources)[section])[resource];
    if (value !== undefined && value !== null && value !== '') continue;
    // At `resources.<section>` or `resources` when they exist, else the container.
    const at = containerField(c, ['resources', section]);
    // Only requests, only when asked: a guessed number is a placeholder to measure, not a fix.
    const fix =
      section === 'requests' && ctx.fixResources && value === undefined
        ? addContainerField(ctx.file, c, ['resources', 'requests', resource], REQUEST_PLACEHOLDERS[resource], PLACEHOLDER_COMMENT)
        : undefined;
    ctx.report({ at, message: `${label(c)} has no ${resource} ${section === 'requests' ? 'request' : 'limit'}: ${why}`, ...(fix ? { fix } : {}) });
  }
}

const BAD = 'containers:\n  - name: web\n    image: web:1.4';
const GOOD = 'resources:\n  requests: {cpu: 100m, memory: 128Mi}\n  limits: {memory: 256Mi}';

export const cpuRequest: K8sCheck = {
  meta: meta({
    id: 'cpu-request-missing',
    fixable: true,
    aliases: ['unset-cpu-requirements', 'cpuRequestsMissing', 'container-resources'],
    severity: 'warning',
    title: 'Containers request CPU',
    practice:
      'The scheduler places pods by their requests; without one the pod lands on a full node and is starved. `whittle k8s --fix --fix-resources` adds a placeholder request marked `# TODO: measure`.',
    source: SEED.runtimeConfig,
    bad: BAD,
    good: GOOD,
  }),
  check: (ctx) => missing(ctx, 'requests', 'cpu', 'the scheduler cannot place it by its needs'),
};

export const memoryRequest: K8sCheck = {
  meta: meta({
    id: 'memory-request-missing',
    fixable: true,
    aliases: ['unset-memory-requirements', 'memoryRequestsMissing', 'container-resources'],
    severity: 'warning',
    title: 'Containers request memory',
    practice:
      'Without a memory request the pod is first to be evicted under memory pressure and may land on a node without room for it. `whittle k8s --fix --fix-resources` adds a placeholder request marked `# TODO: measure`.',
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
