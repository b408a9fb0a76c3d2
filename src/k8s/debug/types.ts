/** The data `whittle debug` decides on: the pod it debugs (from a manifest or a live pod) and the plan it prints. */

export const GOALS = ['shell', 'network', 'process', 'filesystem', 'node', 'perf'] as const;
export type Goal = (typeof GOALS)[number];

/** Pod Security Standards levels, as the namespace label `pod-security.kubernetes.io/enforce` names them. */
export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

export const PROFILES = ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
export type Profile = (typeof PROFILES)[number];

/** Numeric identity a container runs as; undefined where nothing says. */
export interface RunAs {
  user?: number;
  group?: number;
  nonRoot?: boolean;
}

export interface TargetContainer {
  name: string;
  image: string;
  /** The container's own securityContext fields (runAsUser ...), before the pod's are applied. */
  own: RunAs;
  /** The image config's USER as numbers, when the image was opened (`--image`). */
  imageUser?: RunAs;
  /** What says the image's user: the opened image, or a naming convention (distroless :nonroot). */
  imageUserBasis?: string;
  /** Whether the container is crash-looping (live pods only). */
  crashLooping: boolean;
}

/** Everything the decision needs about the pod, whether read from a file or from the cluster. */
export interface DebugTarget {
  /** Where it was read from: a file path or `pod/NAME`. */
  source: string;
  /** The object's kind (Pod, Deployment ...) and name. */
  kind: string;
  objectName: string;
  /** The pod's name when known (a Pod, a live pod, or --pod for a controller's template). */
  podName?: string;
  namespace?: string;
  /** The controller that owns the pods (Deployment web, ReplicaSet web-7d4b9 ...); undefined for a bare Pod. */
  controller?: string;
  labels: Record<string, string>;
  pod: RunAs;
  shareProcessNamespace: boolean;
  /** A static pod's mirror: the API server accepts no ephemeral containers on it. */
  mirror: boolean;
  nodeName?: string;
  /** A live pod's phase when it has ended (Succeeded, Failed): nothing runs to debug in place. */
  finishedPhase?: string;
  container: TargetContainer;
  /** Every container name in the pod, ephemeral ones included, to keep the debug container's name unique. */
  containerNames: string[];
}

/** Services whose selector matches the pod's labels (from the same input or the cluster). */
export interface ServiceMatch {
  name: string;
  selector: Record<string, string>;
}

export type ShellVerdict = 'present' | 'absent' | 'unknown';

/** Whether the target image has a shell, and what says so. */
export interface ShellEvidence {
  verdict: ShellVerdict;
  /** The shell's path when present (`/bin/sh`, `/busybox/sh` ...). */
  path?: string;
  /** `image` (opened with --image), `name` (a heuristic on the image reference) or `none`. */
  basis: 'image' | 'name' | 'none';
  detail: string;
  /** With an opened image: which goal tools it lacks (ps, ip ...). */
  missingTools?: string[];
}

export interface DebugRequest {
  target: DebugTarget;
  goal: Goal;
  pss?: { level: PssLevel; basis: string };
  services: ServiceMatch[];
  /** Where the Services were looked for ("the input", "the cluster"), for the why-lines. */
  servicesBasis: string;
  shell: ShellEvidence;
  /** --debug-image, when given. */
  debugImage?: string;
  /** The debug container's name (unique in the pod: ephemeral containers can never be removed or renamed). */
  debugName: string;
  /** --no-ephemeral: the cluster (RBAC, a policy engine) refuses ephemeral containers. */
  noEphemeral: boolean;
  /** --receive-traffic: the copy should join the Service (reproduce a bug under real traffic). */
  receiveTraffic: boolean;
  /** Node name given with --node. */
  node?: string;
  /** A command for the debug container (after `--`). */
  command: string[];
}

export type Method = 'exec' | 'ephemeral' | 'copy' | 'node';

export interface PlannedCommand {
  /** What this command does, one line. */
  purpose: string;
  argv: string[];
  why: string[];
}

export interface EphemeralContainerSpec {
  name: string;
  image: string;
  targetContainerName?: string;
  stdin: boolean;
  tty: boolean;
  command?: string[];
  securityContext?: Record<string, unknown>;
  terminationMessagePolicy?: string;
}

export interface DebugPlan {
  method: Method;
  profile?: Profile;
  debugImage: { image: string; why: string };
  commands: PlannedCommand[];
  /** Commands to consider when the first choice is refused or not enough. */
  alternatives: PlannedCommand[];
  /** A partial container spec for `kubectl debug --custom`, when the profile alone is not enough. */
  custom?: { file: string; content: Record<string, unknown> };
  /** The API call equivalent to the ephemeral container command. */
  patch?: {
    method: 'PATCH';
    path: string;
    contentType: 'application/strategic-merge-patch+json';
    body: { spec: { ephemeralContainers: EphemeralContainerSpec[] } };
  };
  /** How to reach the target's files from the debug container. */
  filesystem?: string;
  notes: string[];
  warnings: string[];
  /** Placeholders left in the commands (POD_NAME, NODE_NAME) and how to fill them. */
  placeholders: Array<{ name: string; how: string }>;
}
