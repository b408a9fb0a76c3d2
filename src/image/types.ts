/**
 * The one image model every source produces and every analyzer consumes (after go-containerregistry's v1.Image).
 * Sources do I/O only; digests are verified by whoever reads the bytes (see verify.ts and the streaming pass).
 */
import type { Readable } from 'node:stream';

export type Compression = 'gzip' | 'zstd' | 'none';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
}

/** Docker schema 2 or OCI image manifest. */
export interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** Docker manifest list or OCI image index. */
export interface Index {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The image config (OCI image-spec config.json; Docker's is a superset). */
export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    ExposedPorts?: Record<string, object>;
    Volumes?: Record<string, object>;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
    Shell?: string[];
    OnBuild?: string[] | null;
  };
  rootfs: { type: string; diff_ids: string[] };
  history?: HistoryEntry[];
}

export interface Layer {
  /** 0-based position in the manifest. */
  index: number;
  /** Digest of the blob as stored (compressed), `sha256:...`. */
  digest: string;
  /** Digest of the uncompressed tar, from the config's rootfs.diff_ids. */
  diffId: string;
  mediaType: string;
  /** Size of the blob as stored, from the descriptor. */
  compressedSize: number;
  compression: Compression;
  /** The blob's bytes as stored. Not verified here: the reader hashes them against `digest`. */
  open(): Promise<Readable>;
}

export type SourceKind = 'docker-archive' | 'oci' | 'oci-archive' | 'registry' | 'docker-daemon';

export interface Image {
  /** The reference as the user gave it. */
  reference: string;
  source: SourceKind;
  /** Digest of the manifest (`sha256:...`). */
  digest: string;
  /**
   * Digest of what the reference named before a platform was chosen (an index, or the manifest itself): what a
   * registry serves for the tag. Set by sources that read real manifests (layouts, registries).
   */
  rootDigest?: string;
  manifest: Manifest;
  /** The manifest's bytes exactly as read (their sha256 is `digest`). */
  rawManifest: Buffer;
  config: ImageConfig;
  configDigest: string;
  /** The config's bytes exactly as read (their sha256 is `configDigest`): for writers and pushers that copy the image. */
  rawConfig?: Buffer;
  platform: Platform;
  layers: Layer[];
  /** Releases file handles, temporary files and connections. Idempotent. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `os/arch[/variant]`; default the host's. */
  platform?: string;
  /** Allow plain HTTP and unverified TLS for registries (localhost registries are always allowed plain HTTP). */
  insecure?: boolean;
  /** Where to read registry credentials from; default ~/.docker/config.json and podman's auth.json. */
  authFiles?: string[];
}
