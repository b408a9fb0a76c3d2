/** The report of `whittle diff A B` (JSON as is; text by diff-text.ts). */
import type { EntryType } from '../../analyze/pass/types.js';

export interface DiffSide {
  reference: string;
  digest: string;
  platform: string;
  sizeBytes: number;
  compressedSizeBytes: number;
  layerCount: number;
  fileCount: number;
  packageCount: number;
}

export interface DiffLayer {
  index: number;
  diffId: string;
  sizeBytes: number;
  compressedSizeBytes: number;
  createdBy: string | null;
}

export interface DiffFile {
  path: string;
  type: EntryType;
  sizeBytes: number;
}

export interface ChangedFile {
  path: string;
  typeA: EntryType;
  typeB: EntryType;
  sizeBytesA: number;
  sizeBytesB: number;
  deltaBytes: number;
  /** `content`, `type`, `link`, `mode`, `owner`, or `mtime` (a small file with a new time; content not hashed). */
  what: string[];
}

export interface DiffReport {
  schemaVersion: number;
  a: DiffSide;
  b: DiffSide;
  /** B minus A, uncompressed. */
  sizeDeltaBytes: number;
  compressedSizeDeltaBytes: number;
  /** Matched by diffID. `shared` and `added` list B's layers, `removed` A's. */
  layers: { shared: DiffLayer[]; added: DiffLayer[]; removed: DiffLayer[] };
  /** Directories left out. Lists hold the largest 500; counts and bytes are complete. */
  files: {
    addedCount: number;
    removedCount: number;
    changedCount: number;
    addedBytes: number;
    removedBytes: number;
    changedDeltaBytes: number;
    added: DiffFile[];
    removed: DiffFile[];
    changed: ChangedFile[];
  };
  packages: {
    added: Array<{ name: string; manager: string; version: string }>;
    removed: Array<{ name: string; manager: string; version: string }>;
    /** Same package, another version (upgrades and downgrades). */
    changed: Array<{ name: string; manager: string; from: string; to: string }>;
  };
}
