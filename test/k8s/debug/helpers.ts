/** Builds debug requests from manifest text the way the CLI does, without I/O, for the table tests. */
import type { ImageFacts } from '../../../src/k8s/image-facts.js';
import { loadManifests } from '../../../src/k8s/load.js';
import { planDebug } from '../../../src/k8s/debug/plan.js';
import { shellFromImage, shellFromName } from '../../../src/k8s/debug/shell.js';
import { pickWorkload, pssInFile, servicesInFile, targetOf } from '../../../src/k8s/debug/target.js';
import type { DebugPlan, DebugRequest, Goal, PssLevel } from '../../../src/k8s/debug/types.js';

export interface Case {
  goal?: Goal;
  pss?: PssLevel;
  facts?: ImageFacts;
  container?: string;
  pod?: string;
  noEphemeral?: boolean;
  receiveTraffic?: boolean;
  debugImage?: string;
  command?: string[];
}

export function request(text: string, c: Case = {}): DebugRequest {
  const file = loadManifests(text, 't.yaml');
  const target = targetOf(file, pickWorkload(file), {
    ...(c.container ? { container: c.container } : {}),
    ...(c.pod ? { pod: c.pod } : {}),
    image: () => c.facts,
  });
  const goal = c.goal ?? 'shell';
  const pss = c.pss ? { level: c.pss, basis: `--pss ${c.pss}` } : pssInFile(file, target.namespace);
  return {
    target,
    goal,
    ...(pss ? { pss } : {}),
    services: servicesInFile(file, target),
    servicesBasis: 'the input',
    shell: c.facts ? shellFromImage(c.facts, goal) : shellFromName(target.container.image),
    ...(c.debugImage ? { debugImage: c.debugImage } : {}),
    debugName: 'debugger-t1',
    noEphemeral: c.noEphemeral ?? false,
    receiveTraffic: c.receiveTraffic ?? false,
    command: c.command ?? [],
  };
}

export function plan(text: string, c: Case = {}): DebugPlan {
  return planDebug(request(text, c));
}

/** A Pod manifest: container lines and pod-spec lines, indented for the caller. */
export function pod(container: string[], spec: string[] = [], meta: string[] = []): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    '  namespace: ns1',
    ...meta.map((l) => `  ${l}`),
    'spec:',
    ...spec.map((l) => `  ${l}`),
    '  containers:',
    ...container.map((l, i) => `${i === 0 ? '    - ' : '      '}${l}`),
    '',
  ].join('\n');
}

/** Synthetic image facts: the paths that exist, the config user and PATH. */
export function facts(paths: string[], user = '', path = ['/usr/local/bin', '/usr/bin', '/bin']): ImageFacts {
  const set = new Set(paths);
  return { name: 'app', source: 'oci:/nowhere', user, exposedPorts: new Set(), path, exists: (p) => set.has(p), layers: [] };
}

/** The flag values of an argv: `--profile=general` -> profile: general. */
export function flags(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) out.set(m[1]!, m[2] ?? 'true');
  }
  return out;
}

const EPHEMERAL_FIELDS = new Set(['name', 'image', 'targetContainerName', 'stdin', 'tty', 'command', 'args', 'securityContext', 'terminationMessagePolicy', 'env', 'volumeMounts', 'workingDir', 'imagePullPolicy', 'stdinOnce']);
const SECURITY_FIELDS = new Set(['capabilities', 'privileged', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'allowPrivilegeEscalation', 'seccompProfile', 'readOnlyRootFilesystem']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks a patch body for the ephemeralcontainers subresource against the EphemeralContainer fields of the
 * core/v1 API: only fields an ephemeral container may carry (no ports, probes, resources or lifecycle), each
 * with its type. Returns the problems found (empty when valid).
 */
export function ephemeralPatchProblems(body: unknown, containerNames: readonly string[]): string[] {
  const problems: string[] = [];
  const spec = (body as { spec?: { ephemeralContainers?: unknown } } | null)?.spec;
  if (!spec || Object.keys(body as object).length !== 1 || Object.keys(spec).length !== 1) problems.push('body must be exactly {spec: {ephemeralContainers: [...]}}');
  const list = spec?.ephemeralContainers;
  if (!Array.isArray(list) || list.length !== 1) return [...problems, 'ephemeralContainers must hold one container'];
  const c = list[0] as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!EPHEMERAL_FIELDS.has(k)) problems.push(`field ${k} is not allowed on an ephemeral container`);
  if (typeof c.name !== 'string' || !DNS_LABEL.test(c.name) || c.name.length > 63) problems.push('name must be a DNS label');
  if (containerNames.includes(String(c.name))) problems.push('name must differ from the pod\'s containers');
  if (typeof c.image !== 'string' || c.image === '') problems.push('image must be a non-empty string');
  if ('targetContainerName' in c && !containerNames.includes(String(c.targetContainerName))) problems.push('targetContainerName must name a container of the pod');
  for (const k of ['stdin', 'tty']) if (k in c && typeof c[k] !== 'boolean') problems.push(`${k} must be a boolean`);
  if ('command' in c && !(Array.isArray(c.command) && c.command.every((x) => typeof x === 'string'))) problems.push('command must be a list of strings');
  if ('terminationMessagePolicy' in c && !['File', 'FallbackToLogsOnError'].includes(String(c.terminationMessagePolicy))) problems.push('terminationMessagePolicy is File or FallbackToLogsOnError');
  if ('securityContext' in c) {
    const sc = c.securityContext as Record<string, unknown>;
    for (const k of Object.keys(sc)) if (!SECURITY_FIELDS.has(k)) problems.push(`securityContext.${k} is not a SecurityContext field`);
    for (const k of ['privileged', 'runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem']) if (k in sc && typeof sc[k] !== 'boolean') problems.push(`securityContext.${k} must be a boolean`);
    for (const k of ['runAsUser', 'runAsGroup']) if (k in sc && !(Number.isInteger(sc[k]) && (sc[k] as number) >= 0)) problems.push(`securityContext.${k} must be a non-negative integer`);
    const caps = sc.capabilities as Record<string, unknown> | undefined;
    if (caps) {
      for (const k of Object.keys(caps)) if (k !== 'add' && k !== 'drop') problems.push(`capabilities.${k} is not a field`);
      for (const k of ['add', 'drop']) if (k in caps && !(Array.isArray(caps[k]) && (caps[k] as unknown[]).every((x) => typeof x === 'string' && /^[A-Z_]+$/.test(x)))) problems.push(`capabilities.${k} must list capability names`);
    }
    const seccomp = sc.seccompProfile as Record<string, unknown> | undefined;
    if (seccomp && !['RuntimeDefault', 'Localhost', 'Unconfined'].includes(String(seccomp.type))) problems.push('seccompProfile.type is RuntimeDefault, Localhost or Unconfined');
    if (sc.runAsNonRoot === true && sc.runAsUser === 0) problems.push('runAsNonRoot contradicts runAsUser 0');
  }
  return problems;
}
