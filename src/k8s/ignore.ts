/**
 * Per-object ignore annotations: whittle's own and those kube-score, kube-linter and Polaris users already
 * wrote, honoured for the checks that carry the other tool's name as an alias.
 */
import type { K8sCheckMeta } from './types.js';

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const POLARIS_PREFIX = 'polaris.fairwinds.com/';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The names (rule ids or aliases) an object's annotations switch off; '*' for all. */
export function ignoredNames(annotations: Readonly<Record<string, string>>): Set<string> {
  const names = new Set<string>();
  for (const [key, value] of Object.entries(annotations)) {
    if (key === 'whittle.dev/ignore' || key === 'kube-score/ignore') for (const n of list(value)) names.add(n);
    else if (key.startsWith(KUBE_LINTER_PREFIX)) names.add(key.slice(KUBE_LINTER_PREFIX.length));
    else if (key.startsWith(POLARIS_PREFIX) && value.trim().toLowerCase() === 'true') {
      const rest = key.slice(POLARIS_PREFIX.length);
      if (rest === 'exempt') names.add('*');
      else if (rest.endsWith('-exempt')) names.add(rest.slice(0, -'-exempt'.length));
    }
  }
  return names;
}

export function isIgnored(meta: K8sCheckMeta, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  if (names.has('*') && !names.has(meta.id)) {
    // Polaris' blanket exemption covers only the checks that have a Polaris name.
    return meta.aliases.some((a) => /^[a-z]+[A-Z]/.test(a));
  }
  return names.has(meta.id) || meta.aliases.some((a) => names.has(a));
}
