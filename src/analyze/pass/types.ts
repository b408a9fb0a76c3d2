/**
 * What the streaming pass produces for one layer: a compact table of its tar entries plus the bytes of the few
 * files analyzers asked for (see capture.ts). Plain data, so it crosses the worker boundary by structured clone.
 */

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'char' | 'block' | 'fifo';

/** Facts the pass sniffs from a file's first bytes, so analyzers never read bytes themselves. */
export const Sniff = {
  /** Starts with the ELF magic. */
  Elf: 1,
  /** ELF packed by UPX (the `UPX!` marker in its first KiB). */
  Upx: 2,
  /** Holds a PEM private key header in its first 4 KiB. */
  PrivateKey: 4,
  /** Starts with `#!`. */
  Script: 8,
} as const;

export interface LayerEntry {
  /** Absolute, normalised (`/usr/bin/env`); for whiteouts the path removed, for opaque markers the directory. */
  path: string;
  type: EntryType;
  /** Content bytes (regular files only; 0 otherwise). */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlink target as written; hardlink target normalised to an absolute path. */
  link?: string;
  /** Seconds since the epoch. */
  mtime: number;
  /** Content hash (hex, truncated) of regular files at least `HASH_MIN_SIZE` big: identity for duplicate detection. */
  hash?: string;
  /** Bit set of `Sniff` facts. */
  sniff?: number;
}

export interface CapturedFile {
  path: string;
  data: Uint8Array;
  /** The file was bigger than the cap: `data` is its head only. */
  truncated: boolean;
  /** The file's full size. */
  size: number;
}

export interface LayerScan {
  index: number;
  /** sha256 of the bytes as stored, `sha256:...`. */
  digest: string;
  /** sha256 of the uncompressed tar. */
  diffId: string;
  compressedBytes: number;
  /** Bytes of the uncompressed tar stream. */
  tarBytes: number;
  entries: LayerEntry[];
  captured: CapturedFile[];
}

/** Limits that turn hostile archives into clean errors. */
export interface ScanLimits {
  /** Decompressed/compressed ratio above which (together with `bombMinBytes`) a layer is a tar bomb. */
  maxRatio: number;
  /** A layer must decompress to more than this before the ratio limit applies. */
  bombMinBytes: number;
  /** Most entries one layer may hold. */
  maxEntries: number;
}

export const defaultLimits: ScanLimits = {
  maxRatio: 200,
  bombMinBytes: 1024 ** 3,
  maxEntries: 5_000_000,
};

/** What a scan needs to know about the layer besides its bytes. */
export interface LayerInfo {
  index: number;
  digest: string;
  compression: 'gzip' | 'zstd' | 'none';
  /** Size of the blob from its descriptor (used for the ratio and header-size limits). */
  compressedSize: number;
}
