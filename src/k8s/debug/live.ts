/**
 * Reads a live pod, its namespace's Pod Security label and its Services with `kubectl get ... -o json`
 * (the user's kubeconfig and credentials stay with kubectl; whittle never reads them).
 */
import { execFile } from 'node:child_process';
import { InputError } from '../../core/errors.js';
import { asArray, asRecord } from '../model.js';
import { enforceLevel, matchingServices, PSS_ENFORCE_LABEL } from './target.js';
import type { PssLevel, ServiceMatch } from './types.js';

const TIMEOUT_MS = 30_000;
const MAX_BUFFER = 64 * 1024 * 1024;

export interface KubectlResult {
  ok: boolean;
  stdout: string;
  /** The first line kubectl printed on stderr (its error), or why it did not run. */
  error: string;
}

/** Runs kubectl with these arguments; never throws: a missing kubectl is `missing: true`. */
export function kubectl(args: readonly string[]): Promise<KubectlResult & { missing: boolean }> {
  return new Promise((resolve) => {
    execFile('kubectl', [...args], { timeout: TIMEOUT_MS, maxBuffer: MAX_BUFFER, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, stdout, error: '', missing: false });
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return resolve({ ok: false, stdout: '', error: 'kubectl is not on PATH', missing: true });
      const first = stderr.split('\n').find((l) => l.trim()) ?? (e.killed ? `timed out after ${TIMEOUT_MS / 1000} s` : e.message.split('\n')[0]!);
      resolve({ ok: false, stdout, error: first.trim(), missing: false });
    });
  });
}

const nsArgs = (namespace: string | undefined): string[] => (namespace ? ['-n', namespace] : []);

/** The pod as JSON text; a clear one-line error when kubectl is missing or refuses. */
export async function fetchPod(name: string, namespace: string | undefined): Promise<string> {
  const where = `pod/${name}`;
  const r = await kubectl(['get', 'pod', name, ...nsArgs(namespace), '-o', 'json']);
  if (r.missing) throw new InputError(`kubectl is not on PATH: install it, or save the pod (kubectl get pod ${name} -o yaml > pod.yaml) and run whittle debug pod.yaml`, where);
  if (!r.ok) throw new InputError(`kubectl get pod ${name}${namespace ? ` -n ${namespace}` : ''} failed: ${r.error}`, where);
  return r.stdout;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The namespace's enforced Pod Security level, or why it is unknown. */
export async function fetchPss(namespace: string): Promise<{ level: PssLevel; basis: string } | { unknown: string }> {
  const r = await kubectl(['get', 'namespace', namespace, '-o', 'json']);
  if (!r.ok) return { unknown: `kubectl get namespace ${namespace} failed: ${r.error}` };
  const level = enforceLevel(asRecord(parseJson(r.stdout)));
  if (!level) return { level: 'privileged', basis: `namespace ${namespace} has no ${PSS_ENFORCE_LABEL} label (the cluster default applies, privileged unless configured)` };
  return { level, basis: `namespace ${namespace}: ${PSS_ENFORCE_LABEL}=${level} (kubectl get namespace)` };
}

/** Services in the namespace selecting these labels, and where they were looked for. */
export async function fetchServices(namespace: string, labels: Record<string, string>): Promise<{ services: ServiceMatch[]; basis: string }> {
  const r = await kubectl(['get', 'services', '-n', namespace, '-o', 'json']);
  if (!r.ok) return { services: [], basis: `the cluster (kubectl get services failed: ${r.error})` };
  const items = asArray(asRecord(parseJson(r.stdout)).items).map(asRecord);
  return { services: matchingServices(items, labels, namespace), basis: `namespace ${namespace} (kubectl get services)` };
}
