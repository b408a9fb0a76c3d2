import { isMap, isSeq } from 'yaml';
import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { valueOf } from '../yaml-nodes.js';
import { fieldSpan, objectSpan } from '../where.js';
import { meta } from './util.js';

/** Paths that hand a pod the node: the paths themselves and everything below them. */
const SENSITIVE_TREES = ['/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/lib', '/usr', '/bin', '/sbin'];
const SENSITIVE_EXACT = ['/', '/var/run', '/run', '/var', '/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/crio/crio.sock'];

export function isSensitiveHostPath(path: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return SENSITIVE_EXACT.includes(p) || SENSITIVE_TREES.some((t) => p === t || p.startsWith(`${t}/`)) || p.endsWith('.sock');
}

export const hostPath: K8sCheck = {
  meta: meta({
    id: 'sensitive-host-path',
    aliases: ['sensitive-host-mounts', 'docker-sock'],
    severity: 'error',
    title: 'No sensitive host paths are mounted',
    practice: 'Mounting /, /etc, /proc or a container runtime socket from the node gives the pod control of the node.',
    source: SEED.security,
    bad: 'volumes:\n  - name: docker\n    hostPath: {path: /var/run/docker.sock}',
    good: 'volumes:\n  - name: cache\n    emptyDir: {}',
  }),
  check(ctx) {
    const volumesNode = valueOf(ctx.workload.podSpecNode, 'volumes');
    const nodes = isSeq(volumesNode) ? volumesNode.items : [];
    asArray(ctx.workload.podSpec.volumes).forEach((v, i) => {
      const path = asRecord(asRecord(v).hostPath).path;
      if (typeof path !== 'string' || !isSensitiveHostPath(path)) return;
      const node = nodes[i];
      const at = isMap(node) ? fieldSpan(node, ['hostPath', 'path'], objectSpan(ctx.workload)) : objectSpan(ctx.workload);
      ctx.report({ at, message: `volume "${String(asRecord(v).name ?? '')}" mounts the host path ${path}` });
    });
  },
};
