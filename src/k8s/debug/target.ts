/**
 * Turns a loaded workload (a Pod, a live pod read with kubectl, or a controller's pod template) into the
 * facts `whittle debug` decides on, and finds the Services and the Namespace next to it in the same input.
 */
import type { Document } from 'yaml';
import { ConfigError, InputError } from '../../core/errors.js';
import type { ImageFacts } from '../image-facts.js';
import type { LoadedFile, Workload } from '../model.js';
import { asArray, asRecord, POD_SPEC_PATHS } from '../model.js';
import { containerSpan, fieldSpan, objectSpan } from '../where.js';
import type { DebugTarget, PssLevel, RunAs, ServiceMatch } from './types.js';
import { parseImageRef } from './shell.js';
import { PSS_LEVELS } from './types.js';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
export const PSS_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function runAsOf(securityContext: unknown): RunAs {
  const sc = asRecord(securityContext);
  const out: RunAs = {};
  const user = int(sc.runAsUser);
  const group = int(sc.runAsGroup);
  if (user !== undefined) out.user = user;
  if (group !== undefined) out.group = group;
  if (typeof sc.runAsNonRoot === 'boolean') out.nonRoot = sc.runAsNonRoot;
  return out;
}

/** An image config's USER (`65532`, `65532:65532`, `root`, '' for root) as numbers; other names stay unknown. */
export function runAsOfImageUser(user: string): RunAs {
  const id = (s: string): number | undefined => (s === '' || s === 'root' ? 0 : /^\d+$/.test(s) ? Number(s) : undefined);
  const [u = '', g] = user.split(':').map((s) => s.trim());
  const out: RunAs = {};
  const uid = id(u);
  if (uid !== undefined) out.user = uid;
  const gid = g === undefined ? undefined : id(g);
  if (gid !== undefined) out.group = gid;
  return out;
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value))) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

function position(file: LoadedFile, offset: number): { line: number; col: number } {
  return file.lineCounter.linePos(offset);
}

/** The image's user: from the opened image, else from the distroless :nonroot convention (uid and gid 65532). */
function imageUserOf(image: string, facts: ImageFacts | undefined): { imageUser?: RunAs; imageUserBasis?: string } {
  if (facts) return { imageUser: runAsOfImageUser(facts.user), imageUserBasis: `the image's USER ${facts.user || 'unset, so root'}` };
  const { repository, tag } = parseImageRef(image);
  if (repository.startsWith('gcr.io/distroless/') && tag.includes('nonroot')) return { imageUser: { user: 65532, group: 65532 }, imageUserBasis: 'the distroless :nonroot tag, uid 65532' };
  return {};
}

/** RFC 1123 names: pods and nodes are DNS subdomains, namespaces and containers DNS labels. */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function nameError(file: LoadedFile, workload: Workload, path: string[], message: string): InputError {
  const span = fieldSpan(workload.node, path, objectSpan(workload));
  const pos = position(file, span.start);
  return new InputError(message, file.file, pos.line, pos.col);
}

export interface TargetOptions {
  /** --container: the container to debug; default the first regular container. */
  container?: string;
  /** --pod: the running pod's name, for a controller's template. */
  pod?: string;
  /** --namespace / -n, which wins over the manifest's. */
  namespace?: string;
  /** The opened image for the container, when --image names it. */
  image?: (name: string, image: string) => ImageFacts | undefined;
}

export function targetOf(file: LoadedFile, workload: Workload, options: TargetOptions = {}): DebugTarget {
  const object = asRecord(workload.node.toJSON());
  const templatePath = (POD_SPEC_PATHS[workload.kind] ?? ['spec']).slice(0, -1);
  let template: Record<string, unknown> = object;
  for (const key of templatePath) template = asRecord(template[key]);
  const metadata = asRecord(template.metadata);
  const objectMeta = asRecord(object.metadata);
  const spec = workload.podSpec;
  const regular = workload.containers.filter((c) => c.role !== 'init');
  if (regular.length === 0) {
    const pos = position(file, objectSpan(workload).start);
    throw new InputError(`${workload.kind} ${workload.name || '(no name)'} has no containers to debug`, file.file, pos.line, pos.col);
  }
  const chosen = options.container === undefined ? regular.find((c) => c.role === 'container') ?? regular[0]! : workload.containers.find((c) => c.name === options.container);
  if (!chosen) {
    throw new ConfigError(`--container ${options.container}: ${workload.kind} ${workload.name} has no such container (it has ${workload.containers.map((c) => c.name).join(', ')})`);
  }
  if (typeof chosen.spec.image !== 'string' || chosen.spec.image === '') {
    const pos = position(file, containerSpan(chosen).start);
    throw new InputError(`container ${chosen.name || '(no name)'} has no image`, file.file, pos.line, pos.col);
  }
  const image = chosen.spec.image;
  const facts = options.image?.(chosen.name, image);
  const status = asRecord(object.status);
  const crashLooping = asArray(status.containerStatuses).some((s) => {
    const st = asRecord(s);
    return st.name === chosen.name && asRecord(asRecord(st.state).waiting).reason === 'CrashLoopBackOff';
  });
  const owner = asArray(objectMeta.ownerReferences).map(asRecord).find((o) => o.controller === true);
  const isPod = workload.kind === 'Pod';
  const controller = isPod ? (owner ? `${String(owner.kind)} ${String(owner.name)}` : undefined) : `${workload.kind} ${workload.name}`;
  const podName = options.pod ?? (isPod && workload.name ? workload.name : undefined);
  const namespace = options.namespace ?? workload.namespace;
  // Names go into printed commands and the API path: refuse what Kubernetes itself would refuse.
  if (options.pod === undefined && podName !== undefined && !DNS_SUBDOMAIN.test(podName)) throw nameError(file, workload, ['metadata', 'name'], `pod name "${podName}" is not a valid Kubernetes name`);
  if (options.namespace === undefined && namespace !== undefined && !DNS_LABEL.test(namespace)) throw nameError(file, workload, ['metadata', 'namespace'], `namespace "${namespace}" is not a valid Kubernetes name`);
  const annotations = strings(isPod ? objectMeta.annotations : metadata.annotations);
  return {
    source: file.file,
    kind: workload.kind,
    objectName: workload.name,
    ...(podName !== undefined ? { podName } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(controller !== undefined ? { controller } : {}),
    labels: strings(metadata.labels),
    pod: runAsOf(spec.securityContext),
    shareProcessNamespace: spec.shareProcessNamespace === true,
    mirror: MIRROR_ANNOTATION in annotations,
    ...(typeof spec.nodeName === 'string' && spec.nodeName ? { nodeName: spec.nodeName } : {}),
    ...(status.phase === 'Succeeded' || status.phase === 'Failed' ? { finishedPhase: status.phase } : {}),
    container: {
      name: chosen.name,
      image,
      own: runAsOf(chosen.spec.securityContext),
      ...imageUserOf(image, facts),
      crashLooping,
    },
    containerNames: [...workload.containers.map((c) => c.name), ...asArray(spec.ephemeralContainers).map((e) => String(asRecord(e).name ?? ''))],
  };
}

/** Picks the workload to debug: the only one, or the one --workload names (NAME or KIND/NAME). */
export function pickWorkload(file: LoadedFile, wanted?: string): Workload {
  const all = file.workloads;
  if (all.length === 0) {
    const kinds = file.skipped.map((s) => s.kind).join(', ');
    throw new InputError(`no Pod or workload with a pod template here${kinds ? ` (found ${kinds})` : ''}`, file.file);
  }
  if (wanted === undefined) {
    if (all.length === 1) return all[0]!;
    throw new ConfigError(`${file.file} holds ${all.length} workloads (${all.map((w) => `${w.kind}/${w.name}`).join(', ')}); choose one with --workload NAME`);
  }
  const [kind, name] = wanted.includes('/') ? wanted.split('/', 2) : [undefined, wanted];
  const found = all.find((w) => w.name === name && (kind === undefined || w.kind.toLowerCase() === kind.toLowerCase()));
  if (!found) throw new ConfigError(`--workload ${wanted}: not in ${file.file} (it has ${all.map((w) => `${w.kind}/${w.name}`).join(', ')})`);
  return found;
}

/** Plain objects of every document, List items included. */
function objects(documents: readonly Document[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    const o = asRecord(v);
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) o.items.forEach(visit);
    else if (typeof o.kind === 'string') out.push(o);
  };
  for (const doc of documents) {
    if (doc.contents === null) continue;
    visit(doc.toJS({ maxAliasCount: 100 }));
  }
  return out;
}

/** Services (from plain objects) whose selector is non-empty and matches every one of the labels. */
export function matchingServices(services: readonly Record<string, unknown>[], labels: Record<string, string>, namespace: string | undefined): ServiceMatch[] {
  const out: ServiceMatch[] = [];
  for (const svc of services) {
    if (svc.kind !== 'Service') continue;
    const ns = asRecord(svc.metadata).namespace;
    if (namespace !== undefined && typeof ns === 'string' && ns !== namespace) continue;
    const selector = strings(asRecord(svc.spec).selector);
    const keys = Object.keys(selector);
    if (keys.length && keys.every((k) => labels[k] === selector[k])) out.push({ name: String(asRecord(svc.metadata).name ?? ''), selector });
  }
  return out;
}

/** The Services in the same input that select the pod. */
export function servicesInFile(file: LoadedFile, target: DebugTarget): ServiceMatch[] {
  return matchingServices(objects(file.documents), target.labels, target.namespace);
}

/** The enforce level of a Namespace object (plain), when it carries the Pod Security label. */
export function enforceLevel(namespace: Record<string, unknown>): PssLevel | undefined {
  const v = strings(asRecord(namespace.metadata).labels)[PSS_ENFORCE_LABEL];
  return (PSS_LEVELS as readonly string[]).includes(v ?? '') ? (v as PssLevel) : undefined;
}

/** The Pod Security level enforced on the target's namespace, from a Namespace object in the same input. */
export function pssInFile(file: LoadedFile, namespace: string | undefined): { level: PssLevel; basis: string } | undefined {
  for (const o of objects(file.documents)) {
    if (o.kind !== 'Namespace') continue;
    const name = asRecord(o.metadata).name;
    if (namespace !== undefined && name !== namespace) continue;
    const level = enforceLevel(o);
    if (level) return { level, basis: `Namespace ${String(name)} in ${file.file}: ${PSS_ENFORCE_LABEL}=${level}` };
  }
  return undefined;
}
