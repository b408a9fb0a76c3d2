/** Debugging the pod's node (`kubectl debug node/NAME`): a privileged pod in the host's namespaces with / at /host. */
import { chooseDebugImage } from './debug-image.js';
import type { DebugPlan, DebugRequest } from './types.js';

export function nodePlan(req: DebugRequest, profileWhy: string, notes: string[], warnings: string[], placeholders: DebugPlan['placeholders']): DebugPlan {
  const t = req.target;
  const node = req.node ?? t.nodeName ?? 'NODE_NAME';
  if (node === 'NODE_NAME') {
    placeholders.push({ name: 'NODE_NAME', how: `the node the pod runs on: kubectl get pod ${t.podName ?? 'POD_NAME'}${t.namespace ? ` -n ${t.namespace}` : ''} -o jsonpath='{.spec.nodeName}' (or pass --node NAME)` });
  }
  const img = chooseDebugImage('node', t.container.image, req.debugImage, false);
  const tail = req.command.length ? ['--', ...req.command] : [];
  if (req.pss && req.pss.level !== 'privileged') {
    warnings.push(`the node debug pod uses host namespaces and mounts / from the host, which Pod Security "${req.pss.level}" refuses: it is created in your current namespace, so run it where "privileged" is enforced (add -n NAMESPACE)`);
  } else {
    notes.push('the node debug pod is created in your current namespace, which must admit privileged pods (host namespaces, hostPath /)');
  }
  notes.push(`delete the node debug pod when done: kubectl get pods lists it as node-debugger-${node}-XXXXX`);
  return {
    method: 'node',
    profile: 'sysadmin',
    debugImage: { image: img.image, why: img.why },
    commands: [
      {
        purpose: `open a shell on node ${node}`,
        argv: ['kubectl', 'debug', `node/${node}`, '-it', '--profile=sysadmin', `--image=${img.image}`, ...tail],
        why: [
          'node/ debugging starts a pod on that node in its network, PID and IPC namespaces, with the host\'s / mounted at /host',
          profileWhy,
          `--image=${img.image}: ${img.why}`,
        ],
      },
    ],
    alternatives: [],
    filesystem: `run chroot /host for a shell in the node's own file system; a container's files are under /proc/PID/root for its process (ps, or crictl ps and crictl inspect)`,
    notes,
    warnings,
    placeholders,
  };
}
