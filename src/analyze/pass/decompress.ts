/**
 * Decompressors as Node Transforms. gzip uses node:zlib. zstd uses node:zlib when this Node has it (22.15+);
 * else the reference `zstd` program when it is installed (measured 10-20x faster than JavaScript decoders);
 * else fzstd's streaming decoder (pure JavaScript, works everywhere). WHITTLE_ZSTD=fzstd forces fzstd.
 */
import { spawn, spawnSync } from 'node:child_process';
import { Duplex, PassThrough, Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import type { Compression } from '../../image/types.js';

type ZlibWithZstd = typeof zlib & { createZstdDecompress?: () => Transform };

export type ZstdDecoder = 'auto' | 'fzstd' | 'program';

export function createDecompressor(compression: Compression, zstd: ZstdDecoder = 'auto'): Duplex {
  if (compression === 'gzip') return zlib.createGunzip({ chunkSize: 128 * 1024 });
  if (compression === 'zstd') {
    if (zstd === 'fzstd') return fzstdTransform();
    if (zstd === 'program') return zstdProgram();
    const native = (zlib as ZlibWithZstd).createZstdDecompress;
    if (native) return native();
    return hasZstdProgram() ? zstdProgram() : fzstdTransform();
  }
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, chunk);
    },
  });
}

/** Which zstd decoder this process uses (reported by the bench). */
export function zstdDecoderName(): string {
  if ((zlib as ZlibWithZstd).createZstdDecompress) return 'node:zlib';
  return hasZstdProgram() ? 'zstd program' : 'fzstd';
}

let zstdProgramFound: boolean | undefined;
function hasZstdProgram(): boolean {
  if (process.env.WHITTLE_ZSTD === 'fzstd') return false;
  if (zstdProgramFound === undefined) {
    const r = spawnSync('zstd', ['--version'], { stdio: 'ignore' });
    zstdProgramFound = r.status === 0;
  }
  return zstdProgramFound;
}

/** `zstd -dc` as a Transform; its end waits for the exit status, so a failed decode is an error, not an early end. */
function zstdProgram(): Duplex {
  const child = spawn('zstd', ['-d', '-c', '-q', '--no-progress'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 2000) stderr += s;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  const out = new PassThrough();
  child.stdout.pipe(out, { end: false });
  child.stdout.on('end', () => {
    void exited.then((code) => {
      if (code === 0) out.end();
      else {
        const message = stderr.replace(/^zstd: /, '').replace(/\/\*stdin\*\\?\s*:\s*/g, '').replace(/\s+/g, ' ').trim();
        out.destroy(Object.assign(new Error(message || `zstd exited with ${code}`), { code: 'ERR_ZSTD_DECODE' }));
      }
    });
  });
  // EPIPE when zstd stops reading early (corrupt input): the exit status carries the real reason.
  child.stdin.on('error', () => {});
  const duplex = Duplex.from({ writable: child.stdin, readable: out });
  duplex.on('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return duplex;
}

function fzstdTransform(): Transform {
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
  // Declared after the Transform that uses it: its callbacks only run once data flows.
  const decoder = new Decompress((data, final) => {
    if (data.length) t.push(Buffer.from(data.buffer, data.byteOffset, data.length));
    if (final) ended = true;
  });
  return t;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
