/**
 * Digest and size checks for every byte a source hands out: blobs are hashed as they stream, manifests and configs
 * are read whole (with a size cap) and checked before anything trusts them.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { InputError } from '../core/errors.js';

/** Caps on what is read whole into memory; anything bigger is refused as hostile or broken. */
export const Limits = {
  manifest: 4 * 1024 * 1024,
  config: 16 * 1024 * 1024,
  /** index.json, manifest.json, repositories and the like inside layouts and archives. */
  metadata: 4 * 1024 * 1024,
} as const;

const digestPattern = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && digestPattern.test(value);
}

/** Throws unless `digest` is a well-formed sha256/sha512 digest (which also rules out `..` and slashes in paths built from it). */
export function assertDigest(digest: unknown, what: string, file?: string): string {
  if (!isDigest(digest)) throw new InputError(`${what}: invalid digest ${JSON.stringify(String(digest)).slice(0, 100)}`, file);
  return digest;
}

export function assertSize(size: unknown, what: string, file?: string): number {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new InputError(`${what}: invalid size ${JSON.stringify(size)}`, file);
  }
  return size;
}

function hashFor(digest: string): Hash {
  return createHash(digest.startsWith('sha512:') ? 'sha512' : 'sha256');
}

export function digestOf(data: Buffer | string, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/**
 * A passthrough that hashes and counts what flows through it and fails (InputError naming `what`) when the bytes
 * run longer or shorter than `expectedSize` or hash to something other than `expectedDigest`.
 * Pass `expectedSize` undefined when the size is not known (legacy docker archives know only the digest).
 */
export function verifyingStream(expectedDigest: string, expectedSize: number | undefined, what: string, file?: string): Transform {
  assertDigest(expectedDigest, what, file);
  const hash = hashFor(expectedDigest);
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      seen += chunk.length;
      if (expectedSize !== undefined && seen > expectedSize) {
        callback(new InputError(`${what}: blob is longer than its declared size ${expectedSize}`, file));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (expectedSize !== undefined && seen < expectedSize) {
        callback(new InputError(`${what}: blob is truncated (${seen} of ${expectedSize} bytes)`, file));
        return;
      }
      const actual = `${expectedDigest.slice(0, expectedDigest.indexOf(':'))}:${hash.digest('hex')}`;
      if (actual !== expectedDigest) {
        callback(new InputError(`${what}: digest mismatch: expected ${expectedDigest}, got ${actual}`, file));
        return;
      }
      callback();
    },
  });
}

/** Reads a stream whole, refusing more than `limit` bytes (the stream is destroyed as soon as it goes over). */
export async function readAll(stream: Readable, limit: number, what: string, file?: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      total += buf.length;
      if (total > limit) throw new InputError(`${what}: larger than the ${limit}-byte limit`, file);
      chunks.push(buf);
    }
  } finally {
    if (!stream.destroyed) stream.destroy();
  }
  return Buffer.concat(chunks);
}

/** Checks bytes read whole against a descriptor's digest and size. */
export function verifyBuffer(data: Buffer, expectedDigest: string, expectedSize: number | undefined, what: string, file?: string): Buffer {
  assertDigest(expectedDigest, what, file);
  if (expectedSize !== undefined && data.length !== expectedSize) {
    throw new InputError(`${what}: size mismatch: descriptor says ${expectedSize} bytes, read ${data.length}`, file);
  }
  const actual = digestOf(data, expectedDigest.startsWith('sha512:') ? 'sha512' : 'sha256');
  if (actual !== expectedDigest) throw new InputError(`${what}: digest mismatch: expected ${expectedDigest}, got ${actual}`, file);
  return data;
}

/** Parses JSON that must be an object, with a one-line InputError naming the file otherwise. */
export function parseJsonObject(data: Buffer, what: string, file?: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    throw new InputError(`${what}: not valid JSON`, file);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${what}: expected a JSON object`, file);
  return value as Record<string, unknown>;
}
