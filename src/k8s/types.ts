/** A Kubernetes check mirrors a Dockerfile rule (src/rules/types.ts): the same metadata, a pure check over one workload. */
import type { TextEdit } from '../core/edits.js';
import type { RuleMeta } from '../rules/types.js';
import type { ImageFacts } from './image-facts.js';
import type { ContainerRef, LoadedFile, Workload } from './model.js';
import type { Span } from './yaml-nodes.js';

/** Same fields as a Dockerfile rule's meta; `aliases` holds kube-score, kube-linter and Polaris names. */
export type K8sCheckMeta = RuleMeta;

export interface K8sReport {
  /** Where: the field the finding is about, or the container / object when the field is missing. */
  at: Span;
  message: string;
  /** A safe fix as edits on the original text (only when meta.fixable). */
  fix?: TextEdit[];
}

export interface K8sCheckContext {
  file: LoadedFile;
  workload: Workload;
  /** The analysed image a container runs, when given with --image; undefined otherwise. */
  image(container: ContainerRef): ImageFacts | undefined;
  /** Registry hosts or image globs images must come from (config k8s.allowedRegistries); empty: any. */
  allowedRegistries: readonly string[];
  /** `--fix-resources`: resource checks offer TODO request placeholders as fixes (never by default). */
  fixResources?: boolean;
  report(report: K8sReport): void;
}

export interface K8sCheck {
  meta: K8sCheckMeta;
  check(context: K8sCheckContext): void;
}

/** The seed documents the practices come from. */
export const SEED = {
  health: 'seeds/004 (Managing Container Health in Kubernetes)',
  pid1: 'seeds/004 (Implementing Process Management with Containers)',
  runtimeConfig: 'seeds/004 (Designing for Runtime Configuration)',
  onePurpose: 'seeds/004 (Containerizing by Function)',
  data: 'seeds/001 (Fat images: datasets via an init container and a volume, verified with a checksum)',
  sharedBase: 'seeds/004 (Reuse Minimal, Shared Base Layers)',
  minimal: 'seeds/000 (minimal images and ephemeral containers)',
  security: 'Kubernetes Pod Security Standards (restricted)',
} as const;
