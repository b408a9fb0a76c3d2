import { userIsRoot } from '../image-facts.js';
import { resolveSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const imageRootUser: K8sCheck = {
  meta: meta({
    id: 'non-root-image-runs-as-root',
    severity: 'error',
    title: "runAsNonRoot: true has a non-root user to run as",
    practice:
      "With runAsNonRoot: true and no runAsUser, the kubelet takes the image's USER; when that is root (or unset) the container never starts (CreateContainerConfigError). Set USER in the image or runAsUser in the pod.",
    source: SEED.security,
    bad: 'securityContext:\n  runAsNonRoot: true   # image has no USER',
    good: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const image = ctx.image(c);
      if (!image) continue;
      const nonRoot = resolveSecurity(ctx.workload, c, 'runAsNonRoot');
      if (nonRoot.value !== true || resolveSecurity(ctx.workload, c, 'runAsUser').value !== undefined) continue;
      if (!userIsRoot(image.user)) continue;
      ctx.report({
        at: nonRoot.at,
        message: `${label(c)}: runAsNonRoot: true, no runAsUser, and image ${image.name} runs as ${image.user === '' ? 'root (no USER)' : `"${image.user}"`}: the container will never start`,
      });
    }
  },
};
