/** The Kubernetes workload model the checks read: yaml nodes (for positions and fixes) next to plain values. */
import type { Document, LineCounter, YAMLMap } from 'yaml';

export type ContainerRole = 'container' | 'init' | 'sidecar';

export interface ContainerRef {
  /** The container's `name` ('' when missing). */
  name: string;
  role: ContainerRole;
  /** The container's mapping in the YAML. */
  node: YAMLMap;
  /** The container as plain data. */
  spec: Record<string, unknown>;
}

export interface Workload {
  kind: string;
  name: string;
  namespace?: string;
  /** The object's mapping (the whole object, or one item of a `List`). */
  node: YAMLMap;
  /** The pod spec's mapping, null when the object has none. */
  podSpecNode: YAMLMap | null;
  podSpec: Record<string, unknown>;
  /** Job and CronJob pods run to completion: no probes expected. */
  batch: boolean;
  containers: ContainerRef[];
  /** Object and pod template annotations together. */
  annotations: Record<string, string>;
}

/** One loaded file (or stdin): its text, how to turn offsets into positions, its documents and workloads. */
export interface LoadedFile {
  file: string;
  text: string;
  lineCounter: LineCounter;
  documents: Document[];
  workloads: Workload[];
  /** Kinds met that carry no pod spec (Service, ConfigMap ...), skipped. */
  skipped: Array<{ kind: string; name: string }>;
}

/** Workload kinds and where their pod spec lives. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
