/**
 * The report of `whittle inspect`: plain data that the text, JSON and (later) HTML formatters render.
 * Its JSON form is documented by schema/inspect-report.schema.json; change both together.
 */
import type { Severity } from '../../core/finding.js';

export const INSPECT_REPORT_VERSION = 1;

export interface ImageFinding {
  /** whittle's rule id, kebab-case (`apt-lists-left`). */
  rule: string;
  severity: Severity;
  message: string;
  /** Bytes this costs (what fixing it saves), when known. */
  bytes?: number;
  /** Layer index the problem lives in, when it has one. */
  layer?: number;
  path?: string;
  /** The practice broken, in a sentence (from the seed documents). */
  practice: string;
  /** How to fix it. */
  fix: string;
}

export interface LayerReport {
  index: number;
  digest: string;
  diffId: string;
  mediaType: string;
  compression: string;
  /** Bytes of the uncompressed tar. */
  sizeBytes: number;
  /** Bytes of the blob as stored (what a pull downloads). */
  compressedSizeBytes: number;
  /** Bytes of regular file content in the layer. */
  fileBytes: number;
  entryCount: number;
  createdBy: string | null;
  created: string | null;
  comment: string | null;
  added: number;
  modified: number;
  removed: number;
  addedBytes: number;
  modifiedBytes: number;
  removedBytes: number;
  /** Bytes of this layer's files hidden by a later layer (or by a later entry of the same path). */
  wastedBytes: number;
  /** (fileBytes - wastedBytes) / fileBytes; 1 for a layer without file bytes. */
  efficiency: number;
  /** The layer belongs to the base image. */
  base: boolean;
}

/** One row of `docker history`: every history entry, empty layers (ENV, CMD ...) included. */
export interface HistoryRow {
  createdBy: string | null;
  created: string | null;
  comment: string | null;
  emptyLayer: boolean;
  /** Index into `layers`, null for an empty layer. */
  layer: number | null;
  sizeBytes: number;
}

export interface FileRow {
  path: string;
  sizeBytes: number;
  layer: number;
}

export interface WastedFile {
  path: string;
  sizeBytes: number;
  /** The layer that ships the bytes. */
  layer: number;
  /** The layer that hides them. */
  hiddenBy: number;
  how: 'overwritten' | 'deleted' | 'opaque' | 'replaced';
}

export interface DuplicateGroup {
  sizeBytes: number;
  paths: string[];
  /** Bytes beyond the first copy. */
  wastedBytes: number;
}

export interface PackageReport {
  name: string;
  version: string;
  manager: 'dpkg' | 'apk';
  architecture: string | null;
  /** Installed size in bytes, as the package database states it. */
  installedSizeBytes: number | null;
  source: string | null;
  license: string | null;
  /** Layer where the package first appears. */
  layer: number | null;
  purl: string;
}

export interface PackageManagers {
  dpkg: { present: boolean; count: number };
  apk: { present: boolean; count: number };
  rpm: { present: boolean; parsed: false; database: string | null; note: string | null };
}

export interface OsReport {
  id: string | null;
  versionId: string | null;
  prettyName: string | null;
  versionCodename: string | null;
}

export interface BaseReport {
  /** How the base was found: `--base`, an OCI annotation, the history's time gap, or not at all. */
  method: 'reference' | 'annotation' | 'history' | 'none';
  reference: string | null;
  /** Number of bottom layers that belong to the base. */
  layerCount: number;
  sizeBytes: number;
  compressedSizeBytes: number;
}

export interface SecretReport {
  path: string;
  /** What it looks like (`private-key`, `aws-access-key`, `npm-token` ...). Never the content. */
  kind: string;
  layer: number;
  /** Still visible in the final image, or only in a lower layer (deleted later, yet shipped). */
  visible: boolean;
}

export interface SurfaceReport {
  user: string;
  /** The container runs as root (no USER, `root`, `0`, or a name that /etc/passwd maps to uid 0). */
  root: boolean;
  shells: string[];
  packageManagers: string[];
  compilers: string[];
  /** Number of files under /usr/include and other header directories. */
  headerFiles: number;
  setuid: string[];
  setgid: string[];
  worldWritable: string[];
  secrets: SecretReport[];
}

export interface EnvVar {
  name: string;
  /** `REDACTED` when the name or value looks like a secret. */
  value: string;
  redacted: boolean;
}

export interface ConfigReport {
  user: string | null;
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** PID 1 is a shell wrapping the program (`/bin/sh -c ...`): signals do not reach the program. */
  shellFormPid1: boolean;
  workingDir: string | null;
  env: EnvVar[];
  exposedPorts: string[];
  volumes: string[];
  healthcheck: { test: string[]; intervalSeconds: number | null } | null;
  labels: Record<string, string>;
  stopSignal: string | null;
}

export interface JunkItem {
  /** `apt-lists`, `apt-cache`, `pip-cache`, `git`, `tmp`, `upx` ... */
  kind: string;
  /** The directory or file it was found at. */
  path: string;
  files: number;
  sizeBytes: number;
  /** The layer holding most of these bytes. */
  layer: number;
}

export interface JunkReport {
  totalBytes: number;
  items: JunkItem[];
  upxBinaries: string[];
}

export interface PullCost {
  compressedBytes: number;
  bandwidthMbitPerSecond: number;
  seconds: number;
  /** Without the base layers (a node that already has the base pulls only these). */
  withoutBaseCompressedBytes: number;
  withoutBaseSeconds: number;
}

export interface BudgetResult {
  budget: string;
  limit: number | boolean;
  actual: number | boolean;
  passed: boolean;
  /** Where the budget comes from: flag, .whittle.yaml, .dive-ci. */
  source: string;
}

export interface InspectReport {
  schemaVersion: number;
  tool: { name: 'whittle'; version: string };
  image: {
    reference: string;
    source: string;
    digest: string;
    configDigest: string;
    platform: string;
    created: string | null;
    /** Bytes of all uncompressed layer tars. */
    sizeBytes: number;
    /** Bytes of all blobs as stored. */
    compressedSizeBytes: number;
    /** Bytes of the file content visible in the final file system. */
    visibleFileBytes: number;
    fileCount: number;
    layerCount: number;
  };
  /** Bytes shipped in layers yet not visible in the final file system (each kept copy not counted). */
  wastedBytes: number;
  /** (all file bytes shipped - wastedBytes) / all file bytes shipped. */
  efficiency: number;
  /** The same figures the way dive computes them, for comparison. */
  dive: { efficiency: number; wastedBytes: number; userWastedPercent: number };
  /** Bytes of identical files stored again under another path (beyond the first copy). */
  duplicateBytes: number;
  layers: LayerReport[];
  history: HistoryRow[];
  files: { largest: FileRow[]; wasted: WastedFile[]; duplicates: DuplicateGroup[] };
  os: OsReport | null;
  base: BaseReport;
  packageManagers: PackageManagers;
  packages: PackageReport[];
  config: ConfigReport;
  surface: SurfaceReport;
  junk: JunkReport;
  pullCost: PullCost;
  findings: ImageFinding[];
  budgets: BudgetResult[];
  /** Bulky data only some views need (the HTML report); present only when asked for, never in the JSON output. */
  detail?: InspectDetail;
}

/** A node of the final file system by size, bounded in count (see report/inspect/html/detail.ts). */
export interface FileTreeNode {
  name: string;
  /** Bytes of regular file content at or below this node. */
  sizeBytes: number;
  /** Regular files at or below this node. */
  files: number;
  /** Layer that wrote the file (directories: -1). */
  layer: number;
  /** Directories only; children beyond the node cap are folded into one `rest` child. */
  children?: FileTreeNode[];
  /** This node stands for `files` smaller files and directories left out to bound the data. */
  rest?: boolean;
}

export interface LayerFileChange {
  path: string;
  sizeBytes: number;
}

/** What one layer changed, path by path (the largest first, capped; the totals count everything). */
export interface LayerFiles {
  added: LayerFileChange[];
  modified: LayerFileChange[];
  /** Paths this layer deleted (whiteouts, opaque directories) and the lower-layer bytes they hid. */
  removed: LayerFileChange[];
  totals: { added: number; modified: number; removed: number };
}

export interface InspectDetail {
  tree: FileTreeNode;
  layerFiles: LayerFiles[];
}
