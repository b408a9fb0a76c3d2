/** The ephemeralcontainers subresource request equivalent to the kubectl debug command (what kubectl itself sends). */
import { EPHEMERAL_SECURITY } from './profile.js';
import type { RunAsDecision } from './run-as.js';
import type { DebugPlan, DebugRequest, EphemeralContainerSpec, Profile } from './types.js';

function mergeSecurity(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!a && !b) return undefined;
  return { ...(a ?? {}), ...(b ?? {}) };
}

export function ephemeralPatch(req: DebugRequest, pod: string, profile: Profile, image: string, useTarget: boolean, custom: RunAsDecision['custom']): DebugPlan['patch'] {
  const securityContext = mergeSecurity(EPHEMERAL_SECURITY[profile], custom);
  const container: EphemeralContainerSpec = {
    name: req.debugName,
    image,
    ...(useTarget ? { targetContainerName: req.target.container.name } : {}),
    stdin: true,
    tty: true,
    ...(req.command.length ? { command: req.command } : {}),
    ...(securityContext ? { securityContext } : {}),
    terminationMessagePolicy: 'File',
  };
  return {
    method: 'PATCH',
    path: `/api/v1/namespaces/${req.target.namespace ?? 'NAMESPACE'}/pods/${pod}/ephemeralcontainers`,
    contentType: 'application/strategic-merge-patch+json',
    body: { spec: { ephemeralContainers: [container] } },
  };
}
