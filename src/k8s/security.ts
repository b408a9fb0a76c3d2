/**
 * The security context a container really runs with: fields a container sets override the pod's
 * (runAsUser, runAsGroup, runAsNonRoot, seccompProfile); the rest exist on the container only.
 */
import type { ContainerRef, Workload } from './model.js';
import { asRecord } from './model.js';
import type { Span } from './yaml-nodes.js';
import { containerSpan, fieldSpan } from './where.js';

export interface Resolved {
  value: unknown;
  /** Where the value was set; undefined when neither level sets it. */
  level?: 'pod' | 'container';
  /** The field's key, or the container when unset. */
  at: Span;
}

export function resolveSecurity(workload: Workload, container: ContainerRef, field: string): Resolved {
  const own = asRecord(container.spec.securityContext);
  if (own[field] !== undefined && own[field] !== null) {
    return { value: own[field], level: 'container', at: fieldSpan(container.node, ['securityContext', field], containerSpan(container)) };
  }
  const pod = asRecord(workload.podSpec.securityContext);
  if (pod[field] !== undefined && pod[field] !== null) {
    return { value: pod[field], level: 'pod', at: fieldSpan(workload.podSpecNode, ['securityContext', field], containerSpan(container)) };
  }
  return { value: undefined, at: containerSpan(container) };
}

/** Container-only fields (allowPrivilegeEscalation, privileged, readOnlyRootFilesystem, capabilities). */
export function containerSecurity(container: ContainerRef, field: string): Resolved {
  const own = asRecord(container.spec.securityContext);
  const at = fieldSpan(container.node, ['securityContext', field], containerSpan(container));
  return own[field] === undefined || own[field] === null ? { value: undefined, at } : { value: own[field], level: 'container', at };
}
