import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { fieldSpan, objectSpan } from '../where.js';
import { meta } from './util.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces: K8sCheck = {
  meta: meta({
    id: 'host-namespaces',
    aliases: ['host-network', 'host-pid', 'host-ipc', 'hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
    severity: 'error',
    title: "Pods do not share the host's network, PID or IPC namespace",
    practice: "Sharing the host's namespaces lets the pod see and reach the node's processes and network: the container boundary is gone.",
    source: SEED.security,
    bad: 'spec:\n  hostNetwork: true',
    good: 'spec:\n  containers: [...]',
  }),
  check(ctx) {
    for (const field of FIELDS) {
      if (ctx.workload.podSpec[field] !== true) continue;
      ctx.report({ at: fieldSpan(ctx.workload.podSpecNode, [field], objectSpan(ctx.workload)), message: `${field}: true shares the node's namespace` });
    }
  },
};
