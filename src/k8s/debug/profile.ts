/**
 * kubectl debug's profiles as data: what each one sets on the debug container (read from kubectl's
 * pkg/cmd/debug/profiles.go, 1.27 onwards), which Pod Security level admits it, and which one a goal wants.
 */
import type { Goal, Profile, PssLevel } from './types.js';

/** The securityContext a profile gives an ephemeral debug container (kubectl 1.27+). */
export const EPHEMERAL_SECURITY: Readonly<Record<Profile, Record<string, unknown> | undefined>> = {
  general: { capabilities: { add: ['SYS_PTRACE'] } },
  baseline: undefined,
  restricted: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  netadmin: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
  sysadmin: { privileged: true },
};

/** One line on what each profile does, for the why-lines. */
export const PROFILE_EFFECT: Readonly<Record<Profile, string>> = {
  general: 'adds SYS_PTRACE (strace, reading another user\'s /proc/PID/root) and keeps the image\'s user',
  baseline: 'adds nothing: the debug container gets no extra capability, as Pod Security "baseline" requires',
  restricted: 'requires a non-root user (runAsNonRoot), drops every capability, forbids privilege escalation and sets the RuntimeDefault seccomp profile, as Pod Security "restricted" requires',
  netadmin: 'adds NET_ADMIN and NET_RAW (tcpdump, ip and iptables changes, ping)',
  sysadmin: 'makes the debug container privileged (perf, mounting, every /proc entry; on a node, chroot /host)',
};

/** The profile each goal asks for when nothing forbids it. */
export const GOAL_PROFILE: Readonly<Record<Goal, Profile>> = {
  shell: 'general',
  filesystem: 'general',
  process: 'general',
  network: 'netadmin',
  perf: 'sysadmin',
  node: 'sysadmin',
};

/** Profiles whose debug container Pod Security admission lets into a namespace enforcing each level. */
export const ADMITTED: Readonly<Record<PssLevel, readonly Profile[]>> = {
  privileged: ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin'],
  // baseline forbids privileged containers and capabilities beyond its short default list (no SYS_PTRACE, NET_ADMIN, NET_RAW).
  baseline: ['baseline', 'restricted'],
  restricted: ['restricted'],
};

/** What a goal loses when Pod Security forces a weaker profile. */
const LOSS: Readonly<Record<Goal, string>> = {
  shell: 'no SYS_PTRACE: strace and reading /proc/PID/root of a process run by another user fail',
  filesystem: 'no SYS_PTRACE: /proc/1/root is readable only when the debug container runs as the target\'s user',
  process: 'no SYS_PTRACE: strace and gdb cannot attach; ps still works',
  network: 'no NET_ADMIN (iptables and route changes fail) and NET_RAW only where the runtime grants it by default (never under restricted): tcpdump and ping may fail; ss, curl, nslookup and wget still work',
  perf: 'not privileged: perf cannot open hardware events; strace needs SYS_PTRACE too, also refused',
  node: 'a node debug pod needs host namespaces and a hostPath mount, which only the privileged level admits',
};

export interface ProfileChoice {
  profile: Profile;
  wanted: Profile;
  /** Why the profile differs from the one the goal wants; undefined when it does not. */
  downgrade?: string;
}

export function chooseProfile(goal: Goal, level: PssLevel | undefined): ProfileChoice {
  const wanted = GOAL_PROFILE[goal];
  const admitted = ADMITTED[level ?? 'privileged'];
  if (admitted.includes(wanted)) return { profile: wanted, wanted };
  const profile = admitted[0]!;
  return { profile, wanted, downgrade: `Pod Security "${level}" rejects the ${wanted} profile's debug container, so ${profile} is used; ${LOSS[goal]}` };
}

/** Whether a profile leaves a root debug container able to read a process of another user (ptrace access). */
export function canTraceOtherUsers(profile: Profile): boolean {
  return profile === 'general' || profile === 'sysadmin';
}
