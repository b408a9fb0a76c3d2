/**
 * Opening an archive file for indexing. A plain tar is indexed in place. A compressed one (`docker save | gzip`,
 * `.tar.zst`) cannot be read at offsets, so it is decompressed once, streaming, into a private temporary file
 * (mode 0600, removed by `release`) and indexed there; nothing is ever extracted.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { InputError } from '../core/errors.js';
import { sniffCompression } from './media-types.js';
import { TarIndex } from './tar-index.js';

export interface ArchiveFile {
  tar: TarIndex;
  /** Removes the temporary copy, if one was made. Idempotent. */
  release(): Promise<void>;
}

/** A streaming zstd decompressor (fzstd: pure JS, as Node 20's zlib has no zstd). */
export function zstdDecompressStream(): Transform {
  let pending: Buffer[] = [];
  const decoder = new Decompress((chunk) => {
    pending.push(Buffer.from(chunk));
  });
  const flushOut = (t: Transform) => {
    for (const c of pending) t.push(c);
    pending = [];
  };
  return new Transform({
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      try {
        decoder.push(chunk);
        flushOut(this);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        decoder.push(new Uint8Array(0), true);
        flushOut(this);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}

async function head(file: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw new InputError(`cannot open archive: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
  }
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function openArchiveFile(file: string): Promise<ArchiveFile> {
  const compression = sniffCompression(await head(file));
  if (compression === 'none') return { tar: await TarIndex.open(file), release: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'whittle-archive-'));
  const copy = join(dir, 'archive.tar');
  let released: Promise<void> | undefined;
  const release = () => (released ??= rm(dir, { recursive: true, force: true }));
  try {
    await pipeline(createReadStream(file), compression === 'gzip' ? createGunzip() : zstdDecompressStream(), createWriteStream(copy, { mode: 0o600 }));
  } catch (err) {
    await release();
    throw new InputError(`cannot decompress ${compression} archive: ${(err as Error).message.split('\n')[0]}`, file);
  }
  try {
    return { tar: await TarIndex.open(copy, file), release };
  } catch (err) {
    await release();
    throw err;
  }
}

/** Opens an image from an archive file; the temporary copy (if any) lives until the image is closed. */
export async function imageFromArchiveFile<T extends { close(): Promise<void> }>(file: string, read: (tar: TarIndex) => Promise<T>): Promise<T> {
  const archive = await openArchiveFile(file);
  let image: T;
  try {
    image = await read(archive.tar);
  } catch (err) {
    await archive.release();
    throw err;
  }
  const closeImage = image.close.bind(image);
  let closed: Promise<void> | undefined;
  return { ...image, close: () => (closed ??= closeImage().finally(() => archive.release())) };
}
