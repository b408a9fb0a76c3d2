/** Shared pieces of the checks: which containers they look at and the metadata builder. */
import type { Severity } from '../../core/finding.js';
import type { ContainerRef, Workload } from '../model.js';
import type { K8sCheckMeta } from '../types.js';

/** Main containers of pods that serve (not Jobs / CronJobs): they need probes. */
export function servingContainers(workload: Workload): ContainerRef[] {
  return workload.batch ? [] : workload.containers.filter((c) => c.role === 'container');
}

/** Containers that run for the pod's life: main containers and native sidecars (init containers with restartPolicy: Always). */
export function longRunning(workload: Workload): ContainerRef[] {
  return workload.containers.filter((c) => c.role !== 'init');
}

export function label(c: ContainerRef): string {
  const what = c.role === 'init' ? 'init container' : c.role === 'sidecar' ? 'sidecar' : 'container';
  return `${what} "${c.name || '(unnamed)'}"`;
}

export function meta(m: {
  id: string;
  aliases?: string[];
  severity: Severity;
  title: string;
  practice: string;
  source: string;
  fixable?: boolean;
  bad: string;
  good: string;
}): K8sCheckMeta {
  return {
    id: m.id,
    aliases: m.aliases ?? [],
    severity: m.severity,
    title: m.title,
    practice: m.practice,
    source: m.source,
    fixable: m.fixable ?? false,
    docs: `Bad:\n\n\`\`\`yaml\n${m.bad}\n\`\`\`\n\nGood:\n\n\`\`\`yaml\n${m.good}\n\`\`\`\n`,
  };
}
