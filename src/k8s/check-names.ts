/**
 * Names that select k8s checks: a check id, or a kube-score / kube-linter / Polaris alias, which may name
 * several checks at once (kube-linter's `pod-probes` covers readiness, liveness and identical probes).
 */
import { k8sChecks } from './checks/index.js';
import type { K8sCheck } from './types.js';

export function checksNamed(name: string, checks: readonly K8sCheck[] = k8sChecks): K8sCheck[] {
  return checks.filter((c) => c.meta.id === name || c.meta.aliases.includes(name));
}

export function k8sCheckExists(name: string): boolean {
  return checksNamed(name).length > 0;
}
