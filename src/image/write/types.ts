/**
 * Writing images: reproducible layers and OCI/Docker outputs. Used by `whittle base` (and later `slim`).
 * Contract; functions, by file:
 *   src/image/write/layer.ts    buildLayer(entries: LayerEntry[], options: LayerOptions): Promise<BuiltLayer>
 *   src/image/write/image.ts    assembleImage(input: ImageInput): Promise<BuiltImage>
 *   src/image/write/outputs.ts  writeImage(target: string, images: BuiltImage[], options?: WriteOptions): Promise<WrittenImage>
 *                               target: `oci:DIR[:TAG]`, `oci-archive:FILE[:TAG]`, `docker-archive:FILE[:NAME:TAG]`,
 *                               or a registry reference `HOST/REPO:TAG` (pushed with the registry client);
 *                               several images (one per platform) give an OCI index / manifest list.
 * Same inputs, same bytes: entries sorted by path, parents added, mtime fixed, owners numeric, gzip deterministic.
 * Files are written atomically (temporary name, then rename); a failure leaves no partial output behind.
 * Compression: gzip level 6 (node:zlib, no name or time in the header, OS byte fixed), zstd level 3 (the zstd tool).
 */
import type { Readable } from 'node:stream';
import type { Compression, ImageConfig, Platform } from '../types.js';

export interface LayerEntry {
  /** Path inside the image, relative, no leading `/` or `./` (`usr/bin/python3`). */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink';
  /** Permission bits (and setuid/setgid/sticky), e.g. 0o755. */
  mode: number;
  uid: number;
  gid: number;
  /** Target of a symlink (as written) or hardlink (a path in the same layer). */
  linkTarget?: string;
  /** File contents: bytes, or a function opening a stream of exactly `size` bytes. */
  data?: Buffer | (() => Readable);
  size?: number;
}

export interface LayerOptions {
  /** Seconds since the epoch for every entry's mtime (SOURCE_DATE_EPOCH). */
  mtime: number;
  compression: Compression;
  /** Folder for the blob file (large layers never sit in memory). */
  workDir: string;
  /** What the image history says made this layer (default `whittle: N entries`). */
  createdBy?: string;
}

export interface BuiltLayer {
  /** Path of the compressed blob on disk. */
  file: string;
  /** sha256 of the blob, and of the uncompressed tar. */
  digest: string;
  diffId: string;
  size: number;
  mediaType: string;
  /** For the image history. */
  createdBy: string;
}

export interface ImageInput {
  platform: Platform;
  layers: BuiltLayer[];
  /** The `config` part of the image config (User, Env, Entrypoint, Cmd, WorkingDir, Labels, ExposedPorts ...). */
  config: NonNullable<ImageConfig['config']>;
  /** RFC 3339 creation time (from SOURCE_DATE_EPOCH). */
  created: string;
  annotations?: Record<string, string>;
}

export interface BuiltImage {
  platform: Platform;
  manifest: Buffer;
  manifestDigest: string;
  config: Buffer;
  configDigest: string;
  layers: BuiltLayer[];
}

export interface WriteOptions {
  /** For registry targets: plain http for loopback registries, and skipping TLS checks when asked. */
  insecure?: boolean;
  /** Registry credential files; default ~/.docker/config.json and podman's auth.json (as `whittle inspect`). */
  authFiles?: string[];
}

export interface WrittenImage {
  /** Digest of what a client pulls: the manifest, or the index when there are several platforms. */
  digest: string;
  target: string;
}
