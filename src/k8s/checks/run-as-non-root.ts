import { userIsRoot } from '../image-facts.js';
import { addSecurityField } from '../fixes.js';
import { resolveSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const runAsNonRoot: K8sCheck = {
  meta: meta({
    id: 'run-as-non-root',
    aliases: ['run-as-non-root', 'runAsRootAllowed', 'container-security-context-user-group-id'],
    severity: 'warning',
    title: 'Containers run as a non-root user',
    practice: 'A process that escapes its container as root owns the node. runAsNonRoot: true makes the kubelet refuse to start a container whose user is root.',
    source: SEED.security,
    fixable: true,
    bad: 'securityContext: {}',
    good: 'securityContext:\n  runAsNonRoot: true',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const nonRoot = resolveSecurity(ctx.workload, c, 'runAsNonRoot');
      const user = resolveSecurity(ctx.workload, c, 'runAsUser');
      if (nonRoot.value === true) continue;
      if (typeof user.value === 'number' && user.value > 0) continue;
      if (user.value === 0) continue; // run-as-user-root speaks
      // The fix would stop the pod from starting when the image is known to run as root.
      const image = ctx.image(c);
      const safe = nonRoot.level === undefined && !(image && userIsRoot(image.user));
      const fix = safe ? addSecurityField(ctx.file, c, ['runAsNonRoot'], 'true') : undefined;
      ctx.report({
        at: nonRoot.level ? nonRoot.at : user.at,
        message: `${label(c)} may run as root: set runAsNonRoot: true (or a non-zero runAsUser)`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
