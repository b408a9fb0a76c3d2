/** `whittle-base.yaml` once read and validated: every default filled in, nothing left optional that the build needs. */
import type { AptSource } from './apt/types.js';

export interface BaseUser {
  name: string;
  uid: number;
  home: string;
}

export interface BaseGroup {
  name: string;
  gid: number;
}

/** What composition drops unless kept: docs (copyright files always stay), man, info, locales, lintian overrides. */
export const KEEP_KINDS = ['docs', 'man', 'info', 'locales', 'lintian'] as const;
export type KeepKind = (typeof KEEP_KINDS)[number];

export interface BaseLayerSpec {
  name: string;
  packages: string[];
}

export interface BaseSpec {
  /** The file read (for errors and the lock file's place), or `preset:NAME`. */
  file: string;
  suite: string;
  architectures: string[];
  /** Empty: the machine's mirror (filled in by the build, not the parser, so parsing stays pure). */
  sources: AptSource[];
  packages: string[];
  exclude: string[];
  includeEssential: boolean;
  user: BaseUser;
  group: BaseGroup;
  env: Record<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  workdir?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** In order; packages requested but in no layer go to the last one (a layer named `rest` when none is declared). */
  layers: BaseLayerSpec[];
  keep: KeepKind[];
  /** Seconds since the epoch; undefined: SOURCE_DATE_EPOCH, else the archive's Release date. */
  sourceDateEpoch?: number;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const NONROOT_USER: BaseUser = { name: 'nonroot', uid: 65532, home: '/home/nonroot' };
export const NONROOT_GROUP: BaseGroup = { name: 'nonroot', gid: 65532 };
export const ROOT_USER: BaseUser = { name: 'root', uid: 0, home: '/root' };
export const ROOT_GROUP: BaseGroup = { name: 'root', gid: 0 };
