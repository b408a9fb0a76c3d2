/**
 * Which user the debug container runs as. Reading /proc/PID/root of another process needs the same uid and gid,
 * or CAP_SYS_PTRACE in effect (root with the general or sysadmin profile). A pod-level runAsUser applies to
 * ephemeral containers too, and Kubernetes gives a non-root user no effective capabilities.
 */
import { canTraceOtherUsers } from './profile.js';
import type { DebugRequest, Profile } from './types.js';

export const CUSTOM_FILE = 'whittle-debug-custom.json';
const FILE_GOALS = new Set(['shell', 'filesystem', 'process', 'perf']);
/** The uid distroless and Chainguard images use for non-root; a guess only when nothing says better. */
const CONVENTIONAL_NONROOT = 65532;

/** Goals whose tools need the profile's capabilities in effect (strace and gdb: SYS_PTRACE; perf: privileged). */
const CAPABILITY_GOALS = new Set(['process', 'perf']);

export interface RunAsDecision {
  custom?: { runAsUser: number; runAsGroup?: number; runAsNonRoot?: boolean };
  why: string[];
  warnings: string[];
}

/** The user decision for this request and profile; `imageUser` is the debug image's own user when known. */
export function decideRunAs(req: DebugRequest, profile: Profile, imageUser: number | undefined): RunAsDecision {
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
  if (CAPABILITY_GOALS.has(req.goal) && canTraceOtherUsers(profile) && debugUser !== undefined && debugUser !== 0) {
    // Linux gives a non-root process none of the capabilities a profile adds, and Yama may refuse even a same-uid ptrace.
    out.custom = { runAsUser: 0, ...(t.pod.nonRoot || c.own.nonRoot ? { runAsNonRoot: false } : {}) };
    out.why.push(
      `${req.goal === 'perf' ? 'perf' : 'strace and gdb'} need the capabilities ${profile} adds, which only root gets: --custom runs the debugger as root${out.custom.runAsNonRoot === false ? ' (runAsNonRoot: false overrides the pod\'s for this container only)' : ''}`,
    );
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
