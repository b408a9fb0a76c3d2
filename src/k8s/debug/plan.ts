/**
 * The decision: from the pod's facts and the question asked, which way to debug (kubectl exec, an ephemeral
 * container, a copy of the pod, the node), with which profile, image and user, and why. Pure: no I/O.
 */
import { copyCommands } from './copy.js';
import { chooseDebugImage } from './debug-image.js';
import { nodePlan } from './node.js';
import { ephemeralPatch } from './patch.js';
import { chooseProfile, PROFILE_EFFECT } from './profile.js';
import { CUSTOM_FILE, decideRunAs } from './run-as.js';
import type { DebugPlan, DebugRequest, Method, PlannedCommand } from './types.js';

export const PROFILE_EXPLICIT = "--profile is spelled out: kubectl's default was legacy up to 1.35 and is general from 1.36";
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
