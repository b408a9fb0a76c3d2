/**
 * assembleImage: the OCI image config and manifest for built layers, as canonical JSON (keys sorted, no spaces)
 * so the same layers and config always give the same digests. Pure: no file is read or written.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../core/errors.js';
import { MediaType } from '../media-types.js';
import type { ImageConfig, Manifest } from '../types.js';
import type { BuiltImage, ImageInput } from './types.js';

/** JSON with object keys in code-point order and no whitespace; undefined members dropped (as JSON.stringify does). */
export function canonicalJson(value: unknown): Buffer {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const member = (v as Record<string, unknown>)[k];
        if (member !== undefined) out[k] = sortKeys(member);
      }
      return out;
    }
    return v;
  };
  return Buffer.from(JSON.stringify(sortKeys(value)));
}

export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function assembleImage(input: ImageInput): Promise<BuiltImage> {
  const { platform, layers } = input;
  if (!platform?.os || !platform.architecture) throw new InputError('image platform needs an os and an architecture');
  if (Number.isNaN(Date.parse(input.created))) throw new InputError(`image creation time ${JSON.stringify(input.created)} is not an RFC 3339 time`);
  const config: ImageConfig = {
    created: input.created,
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: input.config,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((l) => ({ created: input.created, created_by: l.createdBy })),
  };
  const configBytes = canonicalJson(config);
  const configDigest = sha256Digest(configBytes);
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: configDigest, size: configBytes.length },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    ...(input.annotations && Object.keys(input.annotations).length ? { annotations: input.annotations } : {}),
  };
  const manifestBytes = canonicalJson(manifest);
  return {
    platform: { os: platform.os, architecture: platform.architecture, ...(platform.variant ? { variant: platform.variant } : {}) },
    manifest: manifestBytes,
    manifestDigest: sha256Digest(manifestBytes),
    config: configBytes,
    configDigest,
    layers: [...layers],
  };
}
