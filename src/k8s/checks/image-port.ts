import { isMap, isSeq } from 'yaml';
import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { valueOf } from '../yaml-nodes.js';
import { containerSpan, fieldSpan } from '../where.js';
import { label, meta } from './util.js';

export const imagePort: K8sCheck = {
  meta: meta({
    id: 'port-not-exposed-by-image',
    severity: 'info',
    title: 'containerPorts match what the image EXPOSEs',
    practice:
      'The endpoints Kubernetes uses must be built into the application and exposed in the image configuration; a containerPort the image does not EXPOSE often means the manifest and the image disagree on the port.',
    source: SEED.health,
    bad: 'ports: [{containerPort: 80}]   # image EXPOSEs 8080',
    good: 'ports: [{containerPort: 8080}]',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const image = ctx.image(c);
      if (!image || image.exposedPorts.size === 0) continue;
      const portsNode = valueOf(c.node, 'ports');
      const nodes = isSeq(portsNode) ? portsNode.items : [];
      asArray(c.spec.ports).forEach((p, i) => {
        const port = asRecord(p).containerPort;
        const protocol = String(asRecord(p).protocol ?? 'TCP').toLowerCase();
        if (typeof port !== 'number' || image.exposedPorts.has(`${port}/${protocol}`)) return;
        const node = nodes[i];
        const at = isMap(node) ? fieldSpan(node, ['containerPort'], containerSpan(c)) : containerSpan(c);
        ctx.report({ at, message: `${label(c)}: containerPort ${port}/${protocol} is not exposed by image ${image.name} (${[...image.exposedPorts].join(', ')})` });
      });
    }
  },
};
