/**
 * The decision: from the pod's facts and the question asked, which way to debug (kubectl exec, an ephemeral
 * container, a copy of the pod, the node), with which profile, image and user, and why. Pure: no I/O.
 */
import { chooseDebugImage } from './debug-image.js';
import { copyLabels } from './labels.js';
import { canTraceOtherUsers, chooseProfile, EPHEMERAL_SECURITY, PROFILE_EFFECT } from './profile.js';
import type { DebugPlan, DebugRequest, EphemeralContainerSpec, Method, PlannedCommand, Profile } from './types.js';

export const PROFILE_EXPLICIT = "--profile is spelled out: kubectl's default was legacy up to 1.35 and is general from 1.36";
export const CUSTOM_FILE = 'whittle-debug-custom.json';
const FILE_GOALS = new Set(['shell', 'filesystem', 'process', 'perf']);
/** The uid distroless and Chainguard images use for non-root; a guess only when nothing says better. */
const CONVENTIONAL_NONROOT = 65532;

interface RunAsDecision {
  custom?: { runAsUser: number; runAsGroup?: number };
  why: string[];
  warnings: string[];
}

/**
 * Which user the debug container must run as. Reading /proc/PID/root of another process needs the same uid and
 * gid, or CAP_SYS_PTRACE in effect (root with the general or sysadmin profile). A pod-level runAsUser applies to
 * ephemeral containers too, and Kubernetes gives a non-root user no effective capabilities.
 */
function decideRunAs(req: DebugRequest, profile: Profile, imageUser: number | undefined): RunAsDecision {
  const t = req.target;
  const c = t.container;
  const targetUser = c.own.user ?? t.pod.user ?? c.imageUser?.user;
  const targetGroup = c.own.group ?? t.pod.group ?? c.imageUser?.group;
  const basis = c.own.user !== undefined ? `${c.name}'s securityContext` : t.pod.user !== undefined ? "the pod's securityContext" : c.imageUser?.user !== undefined ? c.imageUserBasis : undefined;
  const debugUser = t.pod.user ?? imageUser;
  const out: RunAsDecision = { why: [], warnings: [] };
  const tracesAsRoot = canTraceOtherUsers(profile) && debugUser === 0;
  if (t.pod.user !== undefined) {
    out.why.push(`the pod-level runAsUser ${t.pod.user} applies to the debug container too${canTraceOtherUsers(profile) && t.pod.user !== 0 ? `, so the capabilities ${profile} adds are not in effect for it (a non-root user gets none)` : ''}`);
  }
  const withGroup = (user: number): { runAsUser: number; runAsGroup?: number } =>
    user === targetUser && targetGroup !== undefined ? { runAsUser: user, runAsGroup: targetGroup } : { runAsUser: user };
  if (profile === 'restricted' && (debugUser === undefined || debugUser === 0)) {
    const user = targetUser !== undefined && targetUser !== 0 ? targetUser : CONVENTIONAL_NONROOT;
    out.custom = withGroup(user);
    out.why.push(`the restricted profile sets runAsNonRoot, and the debug image runs as root: --custom runs it as ${user}${user === targetUser ? ` (${c.name}'s user, from ${basis}), which also lets it read ${c.name}'s files` : ''}`);
    if (user !== targetUser) out.warnings.push(`which user ${c.name} runs as is unknown; the debug container runs as ${CONVENTIONAL_NONROOT} (a guess): set runAsUser in ${CUSTOM_FILE} to ${c.name}'s uid (pass --image to read it from the image)`);
    return out;
  }
  if (!FILE_GOALS.has(req.goal)) return out;
  if (targetUser === undefined) {
    if (!tracesAsRoot) out.warnings.push(`which user ${c.name} runs as is unknown and the debug container cannot trace other users: if /proc/1/root says "permission denied", run it as ${c.name}'s uid with --custom (pass --image to read the uid from the image)`);
    return out;
  }
  if (debugUser === targetUser) {
    out.why.push(`the debug container runs as ${targetUser}, the same user as ${c.name} (from ${basis}), so it may read ${c.name}'s /proc/1/root`);
    return out;
  }
  if (tracesAsRoot) {
    out.why.push(`the debug container runs as root with SYS_PTRACE in effect, so it may read the files of ${c.name}'s user ${targetUser}`);
    return out;
  }
  out.custom = withGroup(targetUser);
  out.why.push(`${c.name} runs as ${targetUser} (from ${basis}); without SYS_PTRACE in effect only the same uid and gid may open its /proc/1/root, so --custom runs the debugger as ${targetUser}`);
  return out;
}

function mergeSecurity(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!a && !b) return undefined;
  return { ...(a ?? {}), ...(b ?? {}) };
}

/** A fresh debug container name; ephemeral containers are never removed, so a name can serve only once per pod. */
export function debugContainerName(taken: readonly string[], random: () => number = Math.random): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += alphabet[Math.floor(random() * alphabet.length)];
    const name = `debugger-${suffix}`;
    if (!taken.includes(name)) return name;
  }
}

export function planDebug(req: DebugRequest): DebugPlan {
  const t = req.target;
  const c = t.container;
  const ns = t.namespace ? ['-n', t.namespace] : [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const placeholders: DebugPlan['placeholders'] = [];
  const level = req.pss?.level;
  if (req.pss) notes.push(`Pod Security: ${req.pss.basis}`);
  else if (req.goal !== 'node') notes.push('Pod Security level of the namespace unknown (pass --pss, include the Namespace in the input, or debug pod/NAME with kubectl): a namespace enforcing baseline or restricted refuses the general, netadmin and sysadmin profiles');
  const { profile, downgrade } = chooseProfile(req.goal, req.goal === 'node' ? undefined : level);
  if (downgrade) warnings.push(downgrade);
  const profileWhy = `--profile=${profile} ${PROFILE_EFFECT[profile]}; ${PROFILE_EXPLICIT}`;

  if (req.goal === 'node') return nodePlan(req, profileWhy, notes, warnings, placeholders);

  const pod = t.podName ?? 'POD_NAME';
  if (!t.podName) {
    const selector = Object.entries(t.labels).map(([k, v]) => `${k}=${v}`).join(',');
    placeholders.push({ name: 'POD_NAME', how: `a running pod of ${t.controller ?? `${t.kind} ${t.objectName}`}: kubectl get pods${t.namespace ? ` -n ${t.namespace}` : ''}${selector ? ` -l ${selector}` : ''} (or pass --pod NAME)` });
  }
  const shell = req.shell;
  const missing = shell.missingTools ?? [];
  const execEnough = shell.verdict === 'present' && ['shell', 'filesystem', 'process'].includes(req.goal) && missing.length === 0 && !c.crashLooping && !t.finishedPhase;
  const blocked = req.noEphemeral
    ? '--no-ephemeral: the cluster refuses ephemeral containers (RBAC on pods/ephemeralcontainers, a policy engine, or an old API server)'
    : t.mirror
      ? 'a static pod\'s mirror takes no ephemeral containers'
      : t.finishedPhase
        ? `the pod has ended (phase ${t.finishedPhase}): no container runs to join, while a copy starts it again`
        : c.crashLooping
          ? `${c.name} is crash-looping: a debugger joined to its processes loses them at every restart, while a copy lets you start it by hand`
          : undefined;
  const method: Method = execEnough ? 'exec' : blocked ? 'copy' : 'ephemeral';
  const img = chooseDebugImage(req.goal, c.image, req.debugImage, profile === 'restricted');
  const runAs = decideRunAs(req, profile, img.user?.user);
  warnings.push(...runAs.warnings);
  const custom = runAs.custom ? { file: CUSTOM_FILE, content: { securityContext: runAs.custom } } : undefined;
  const customArgs = custom ? [`--custom=${custom.file}`] : [];
  const customWhy = custom ? [`--custom=${custom.file} merges a partial container spec over the profile (kubectl 1.31+; 1.30 with KUBECTL_DEBUG_CUSTOM_PROFILE=true); write the file first`] : [];
  const tail = req.command.length ? ['--', ...req.command] : [];
  const useTarget = !t.shareProcessNamespace;
  const filesystem = useTarget
    ? `${c.name}'s main process is PID 1 in the process namespace the debugger joins: its files are under /proc/1/root (ls /proc/1/root/, cat /proc/1/root/etc/os-release)`
    : `the pod shares one process namespace, where PID 1 is the pause process: find ${c.name}'s process with ps and open /proc/PID/root`;
  const shellWhy =
    shell.verdict === 'absent'
      ? `${shell.detail}: kubectl exec has nothing to run, so an ephemeral container brings the tools`
      : shell.verdict === 'present'
        ? missing.length
          ? `${shell.detail}, but it lacks ${missing.join(', ')}, which the debug image brings`
          : shell.detail
        : `${shell.detail}; an ephemeral container works whether or not it has one`;

  const ephemeralArgv = ['kubectl', 'debug', ...ns, pod, '-it', `--profile=${profile}`, `--image=${img.image}`, ...(useTarget ? [`--target=${c.name}`] : []), `--container=${req.debugName}`, ...customArgs, ...tail];
  const ephemeral: PlannedCommand = {
    purpose: `add an ephemeral debug container to ${pod}${useTarget ? `, in ${c.name}'s process namespace` : ''}`,
    argv: ephemeralArgv,
    why: [
      shellWhy,
      profileWhy,
      ...(useTarget
        ? [`--target=${c.name} joins ${c.name}'s process namespace (containerd and CRI-O support it): ps shows its processes and /proc/1/root its files`]
        : ['no --target: shareProcessNamespace is on, so the debugger already sees every container\'s processes']),
      `--image=${img.image}: ${img.why}`,
      `--container=${req.debugName}: an ephemeral container stays in the pod spec until the pod is deleted, so each one needs a new name`,
      ...runAs.why,
      ...customWhy,
    ],
  };
  const commands: PlannedCommand[] = [];
  const alternatives: PlannedCommand[] = [];
  // The API equivalent exists whenever an ephemeral container is on offer (first choice or alternative).
  const offersEphemeral = method !== 'copy' || (!t.mirror && !req.noEphemeral && !t.finishedPhase);
  const patch = offersEphemeral ? ephemeralPatch(req, pod, profile, img.image, useTarget, runAs.custom) : undefined;

  if (method === 'exec') {
    commands.push({
      purpose: `open a shell in ${c.name} itself`,
      argv: ['kubectl', 'exec', '-it', ...ns, pod, '-c', c.name, '--', ...(req.command.length ? req.command : [shell.path ?? 'sh'])],
      why: [`${shellWhy}: kubectl exec is enough`, 'kubectl exec adds no container, leaves nothing in the pod spec and needs no profile (Pod Security does not check exec)'],
    });
    alternatives.push({ ...ephemeral, purpose: `when you need tools ${c.name}'s image lacks: ${ephemeral.purpose}` });
  } else if (method === 'ephemeral') {
    commands.push(ephemeral);
    if (shell.verdict !== 'absent' && !c.crashLooping) {
      alternatives.push({ purpose: `if ${c.name}'s image has a shell after all`, argv: ['kubectl', 'exec', '-it', ...ns, pod, '-c', c.name, '--', shell.path ?? 'sh'], why: ['kubectl exec needs no new container'] });
    }
  } else {
    warnings.push(`no ephemeral container: ${blocked}`);
    commands.push(...copyCommands(req, pod, profile, img, profileWhy, customArgs, customWhy, tail, notes, warnings));
    if (!t.mirror && !req.noEphemeral && !t.finishedPhase) alternatives.push({ ...ephemeral, purpose: `to look at the running pod instead of a copy: ${ephemeral.purpose}` });
  }
  if (patch && method !== 'copy') {
    alternatives.push({
      purpose: 'the same ephemeral container through the API (the patch below), then attach to it',
      argv: ['kubectl', 'patch', 'pod', pod, ...ns, '--subresource=ephemeralcontainers', '--type=strategic', '-p', JSON.stringify(patch.body)],
      why: ['kubectl 1.24+ patches subresources; this is what kubectl debug sends'],
    });
    alternatives.push({ purpose: 'attach to the debug container', argv: ['kubectl', 'attach', '-it', ...ns, pod, '-c', req.debugName], why: [] });
  }
  if (req.receiveTraffic && method !== 'copy') notes.push('--receive-traffic only matters for a copy of the pod: the running pod already receives its Services\' traffic');
  if (method !== 'exec') notes.push(`exit the shell to stop ${req.debugName}; ${method === 'copy' ? 'delete the copy when done' : 'it stays listed in the pod until the pod is replaced'}`);
  return {
    method,
    // kubectl exec takes no profile; the alternatives name theirs.
    ...(method === 'exec' ? {} : { profile }),
    debugImage: { image: img.image, why: img.why },
    commands,
    alternatives,
    ...(custom ? { custom } : {}),
    ...(patch ? { patch } : {}),
    filesystem:
      method === 'copy'
        ? `the copy shares one process namespace (--share-processes), where PID 1 is the pause process: find ${c.name}'s process with ps and open /proc/PID/root`
        : method === 'exec'
          ? `kubectl exec runs inside ${c.name}: its files are at / (with an ephemeral container instead: ${filesystem})`
          : filesystem,
    notes,
    warnings,
    placeholders,
  };
}

function ephemeralPatch(req: DebugRequest, pod: string, profile: Profile, image: string, useTarget: boolean, custom: RunAsDecision['custom']): DebugPlan['patch'] {
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

function copyCommands(
  req: DebugRequest,
  pod: string,
  profile: Profile,
  img: { image: string; why: string },
  profileWhy: string,
  customArgs: string[],
  customWhy: string[],
  tail: string[],
  notes: string[],
  warnings: string[],
): PlannedCommand[] {
  const t = req.target;
  const c = t.container;
  const ns = t.namespace ? ['-n', t.namespace] : [];
  const copy = `${pod === 'POD_NAME' ? 'POD_NAME' : pod}-debug`;
  const labels = copyLabels(req, copy);
  notes.push(...labels.notes);
  warnings.push(...labels.warnings);
  const common = [
    profileWhy,
    `--copy-to=${copy} creates a new pod from ${pod}'s spec: ${t.controller ? `${t.controller} does not own it, count it or replace it, and ` : ''}this profile removes its probes so a restart does not cut your session`,
    ...labels.why,
    ...(t.mirror ? ['--same-node: a static pod belongs to its node, so the copy runs there too'] : []),
  ];
  const runByHand = (c.crashLooping || t.finishedPhase !== undefined) && req.shell.verdict === 'present';
  const sameNode = t.mirror ? ['--same-node'] : [];
  const argv = runByHand
    ? ['kubectl', 'debug', ...ns, pod, '-it', `--profile=${profile}`, `--copy-to=${copy}`, ...sameNode, `--container=${c.name}`, ...labels.args, '--', ...(req.command.length ? req.command : [req.shell.path ?? 'sh'])]
    : ['kubectl', 'debug', ...ns, pod, '-it', `--profile=${profile}`, `--image=${img.image}`, `--copy-to=${copy}`, ...sameNode, '--share-processes', `--container=${req.debugName}`, ...customArgs, ...labels.args, ...tail];
  const why = runByHand
    ? [`${c.name} has a shell (${req.shell.detail}): in the copy its command is replaced by a shell, so you start the program by hand and watch it fail`, ...common]
    : [
        `--share-processes puts the copy's containers in one process namespace, so the debugger sees ${c.name}'s processes and files`,
        `--image=${img.image}: ${img.why}`,
        ...common,
        ...customWhy,
      ];
  return [
    { purpose: `start a copy of ${pod} with a debug container`, argv, why },
    ...labels.commands,
    { purpose: 'delete the copy when done', argv: ['kubectl', 'delete', 'pod', ...ns, copy], why: ['nothing else removes it'] },
  ];
}

function nodePlan(req: DebugRequest, profileWhy: string, notes: string[], warnings: string[], placeholders: DebugPlan['placeholders']): DebugPlan {
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
