/**
 * Decompressors as Node Transforms. gzip uses node:zlib. zstd uses node:zlib when this Node has it (22.15+),
 * else fzstd's streaming decoder (pure JavaScript: no native build step, works on every platform Node runs on).
 */
import { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import type { Compression } from '../../image/types.js';

type ZlibWithZstd = typeof zlib & { createZstdDecompress?: () => Transform };

export function createDecompressor(compression: Compression): Transform {
  if (compression === 'gzip') return zlib.createGunzip({ chunkSize: 128 * 1024 });
  if (compression === 'zstd') {
    const native = (zlib as ZlibWithZstd).createZstdDecompress;
    return native ? native() : fzstdTransform();
  }
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, chunk);
    },
  });
}

/** Which zstd decoder this process uses (reported by the bench). */
export function zstdDecoderName(): string {
  return (zlib as ZlibWithZstd).createZstdDecompress ? 'node:zlib' : 'fzstd';
}

function fzstdTransform(): Transform {
  let decoder: Decompress;
  let sawInput = false;
  let ended = false;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      sawInput ||= chunk.length > 0;
      try {
        decoder.push(chunk);
        cb();
      } catch (err) {
        cb(asError(err));
      }
    },
    flush(cb) {
      if (!sawInput) return cb(new Error('unexpected end of file'));
      try {
        decoder.push(new Uint8Array(0), true);
        // fzstd signals the end of the last frame with a final ondata call; without it the stream was cut short.
        cb(ended ? null : new Error('unexpected end of file'));
      } catch (err) {
        cb(asError(err));
      }
    },
  });
  decoder = new Decompress((data, final) => {
    if (data.length) t.push(Buffer.from(data.buffer, data.byteOffset, data.length));
    if (final) ended = true;
  });
  return t;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
