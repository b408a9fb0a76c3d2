/**
 * One layer, one pass: hash the blob as stored, decompress, hash the tar, parse it with tar-stream and keep a
 * compact entry table plus the few files analyzers asked for. Runs the same in a worker or in-process.
 * Memory: the entry table (one small record per path) and the captured files (capped); never the layer's bytes.
 */
import { createHash } from 'node:crypto';
import { Duplex, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import type { Header as Headers } from 'tar-stream';
import { InputError } from '../../core/errors.js';
import { createDecompressor } from './decompress.js';
import { HASH_MIN_SIZE, SNIFF_BYTES, captureLimit } from './capture.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX, baseName, normalizeMemberPath, parentOf } from './paths.js';
import type { CapturedFile, EntryType, LayerEntry, LayerInfo, LayerScan, ScanLimits } from './types.js';
import { Sniff, defaultLimits } from './types.js';

const TYPES: Record<string, EntryType | undefined> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

export function describeLayer(info: Pick<LayerInfo, 'index' | 'digest'>): string {
  return `layer ${info.index} (${info.digest})`;
}

export async function scanLayer(source: Readable, info: LayerInfo, limits: ScanLimits = defaultLimits): Promise<LayerScan> {
  const where = describeLayer(info);
  const blobHash = createHash('sha256');
  const tarHash = createHash('sha256');
  let compressedBytes = 0;
  let tarBytes = 0;
  const ratioBase = Math.max(info.compressedSize, 1);

  const blobTap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      blobHash.update(chunk);
      compressedBytes += chunk.length;
      cb(null, chunk);
    },
  });
  // Uncompressed layers: the blob is the tar, so one hash gives both digests.
  const hashTar = info.compression !== 'none';
  const tarTap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      if (hashTar) tarHash.update(chunk);
      tarBytes += chunk.length;
      if (tarBytes > limits.bombMinBytes && tarBytes / Math.max(ratioBase, compressedBytes) > limits.maxRatio) {
        cb(new InputError(`${where}: decompresses to more than ${limits.maxRatio} times its size (over ${tarBytes} bytes): refusing a tar bomb`));
        return;
      }
      cb(null, chunk);
    },
  });
  const extract = tarExtract({});
  const sink = new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _e, cb) {
      if (extract.destroyed) return cb(new Error('the tar parser stopped'));
      if (extract.write(chunk)) return cb();
      const done = (err?: Error) => {
        extract.off('drain', onDrain);
        extract.off('close', onClose);
        cb(err);
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('the tar parser stopped'));
      extract.on('drain', onDrain);
      extract.on('close', onClose);
    },
    final(cb) {
      extract.end(undefined);
      cb();
    },
  });

  // One place ends everything on the first error: the source, the entry being read, the parser.
  let firstError: Error | null = null;
  let firstIsGeneric = false;
  let current: { destroy(err?: Error): void } | null = null;
  const fail = (err: Error, generic = false) => {
    // A precise reason (an absurd header size) beats the generic "truncated tar" it causes.
    if (firstError) {
      if (firstIsGeneric && !generic) [firstError, firstIsGeneric] = [err, false];
      return;
    }
    firstError = err;
    firstIsGeneric = generic;
    current?.destroy(err);
    source.destroy();
    sink.destroy(err);
    extract.destroy(err);
  };

  const decompressor = createDecompressor(info.compression);
  const feeding = pipeline(source, blobTap, decompressor, tarTap, sink).catch((err: unknown) => {
    let wrapped: Error;
    try {
      wrapped = wrapStreamError(err, info, where, decompressor);
    } catch {
      wrapped = new InputError(`${where}: cannot read the layer`);
    }
    fail(wrapped);
  });

  const entries: LayerEntry[] = [];
  const captured: CapturedFile[] = [];
  let consumed = 0;
  const handleEntry = async (header: Headers, stream: AsyncIterable<Buffer> & { resume(): void }) => {
    if (entries.length >= limits.maxEntries) {
      throw new InputError(`${where}: more than ${limits.maxEntries} entries: refusing the layer`);
    }
    checkHeaderSize(header, consumed, info, limits, where);
    consumed += 512 + Math.ceil((header.size ?? 0) / 512) * 512;
    const record = toEntry(header, where);
    if (record?.type === 'file') await readFile(stream, record, captured);
    else stream.resume();
    if (record) entries.push(record);
  };
  const parsing = new Promise<void>((resolve) => {
    extract.on('entry', (header, stream, next) => {
      // Errors of an entry's stream reach us through the extractor; without a listener they would crash.
      stream.on('error', () => {});
      if (firstError) {
        stream.resume();
        return;
      }
      current = stream;
      handleEntry(header, stream as unknown as AsyncIterable<Buffer> & { resume(): void }).then(
        () => {
          current = null;
          next();
        },
        (err: unknown) => fail(wrapTarError(err, where)),
      );
    });
    extract.on('error', (err: Error) => fail(wrapTarError(err, where), true));
    extract.on('close', () => resolve());
  });

  await Promise.all([feeding, parsing]);
  if (firstError) throw firstError;
  const digest = 'sha256:' + blobHash.digest('hex');
  return {
    index: info.index,
    digest,
    diffId: hashTar ? 'sha256:' + tarHash.digest('hex') : digest,
    compressedBytes,
    tarBytes,
    entries,
    captured,
  };
}

function checkHeaderSize(header: Headers, consumed: number, info: LayerInfo, limits: ScanLimits, where: string): void {
  const size = header.size ?? 0;
  if (size < 0 || !Number.isSafeInteger(size)) throw new InputError(`${where}: entry ${header.name} has an invalid size`);
  if (info.compression === 'none') {
    const remaining = info.compressedSize - consumed - 512;
    if (size > remaining) {
      throw new InputError(`${where}: entry ${header.name} claims ${size} bytes but only ${Math.max(remaining, 0)} remain in the layer`);
    }
  } else if (size > limits.bombMinBytes && size > info.compressedSize * limits.maxRatio) {
    throw new InputError(
      `${where}: entry ${header.name} claims ${size} bytes, more than ${limits.maxRatio} times the ${info.compressedSize}-byte blob: refusing a tar bomb`,
    );
  }
}

/** The entry as a table record; null for the root directory itself. */
function toEntry(header: Headers, where: string): LayerEntry | null {
  const path = normalizeMemberPath(header.name);
  if (path === null) throw new InputError(`${where}: entry ${JSON.stringify(header.name)} escapes the root with '..'`);
  const type = TYPES[header.type ?? 'file'];
  if (!type) return null; // pax/gnu metadata members are consumed by tar-stream; anything else carries no file.
  if (path === '/') return null;
  const base: LayerEntry = {
    path,
    type,
    size: type === 'file' ? (header.size ?? 0) : 0,
    mode: (header.mode ?? 0) & 0o7777,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
    mtime: header.mtime ? Math.floor(header.mtime.getTime() / 1000) : 0,
  };
  const name = baseName(path);
  if (name.startsWith(WHITEOUT_PREFIX)) {
    const dir = parentOf(path);
    if (name === OPAQUE_MARKER) return { ...base, path: dir, type: 'opaque', size: 0 };
    const target = name.slice(WHITEOUT_PREFIX.length);
    if (!target || target === '.' || target === '..') throw new InputError(`${where}: invalid whiteout ${JSON.stringify(header.name)}`);
    return { ...base, path: (dir === '/' ? '' : dir) + '/' + target, type: 'whiteout', size: 0 };
  }
  if (type === 'hardlink') {
    const target = normalizeMemberPath(header.linkname ?? '');
    if (target === null || target === '/') {
      throw new InputError(`${where}: hardlink ${path} points outside the root (${JSON.stringify(header.linkname)})`);
    }
    base.link = target;
  } else if (type === 'symlink') {
    base.link = header.linkname ?? '';
  }
  return base;
}

/** Drains one regular file: sniffs its head, hashes it when big enough, keeps it when asked. */
async function readFile(entry: AsyncIterable<Buffer>, record: LayerEntry, captured: CapturedFile[]): Promise<void> {
  const keep = captureLimit(record.path);
  const hash = record.size >= HASH_MIN_SIZE ? createHash('sha256') : null;
  const head: Buffer[] = [];
  let headBytes = 0;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  for await (const chunk of entry) {
    hash?.update(chunk);
    if (headBytes < SNIFF_BYTES) {
      head.push(chunk);
      headBytes += chunk.length;
    }
    if (keptBytes < keep) {
      const part = chunk.subarray(0, keep - keptBytes);
      kept.push(Buffer.from(part));
      keptBytes += part.length;
    }
  }
  if (hash) record.hash = hash.digest('hex').slice(0, 32);
  if (headBytes > 0) {
    const sniff = sniffHead(head.length === 1 ? head[0]! : Buffer.concat(head).subarray(0, SNIFF_BYTES));
    if (sniff) record.sniff = sniff;
  }
  if (keep > 0) captured.push({ path: record.path, data: Buffer.concat(kept), truncated: record.size > keptBytes, size: record.size });
}

const PRIVATE_KEY = Buffer.from('PRIVATE KEY-----');
const UPX = Buffer.from('UPX!');

export function sniffHead(head: Buffer): number {
  let flags = 0;
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    flags |= Sniff.Elf;
    if (head.subarray(0, 1024).includes(UPX)) flags |= Sniff.Upx;
  } else if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) {
    flags |= Sniff.Script;
  }
  if (head.subarray(0, SNIFF_BYTES).includes(PRIVATE_KEY) && head.includes('-----BEGIN')) flags |= Sniff.PrivateKey;
  return flags;
}

function wrapStreamError(err: unknown, info: LayerInfo, where: string, decompressor: Duplex): Error {
  if (err instanceof InputError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = String((err as { code?: unknown }).code ?? '');
  const fromDecompressor = code.startsWith('Z_') || code.startsWith('ERR_ZSTD') || (err as { source?: unknown }).source === decompressor;
  if (info.compression !== 'none' && (fromDecompressor || /unexpected (end|eof)|invalid|incorrect|corrupt|zstd|magic/i.test(message))) {
    return new InputError(`${where}: corrupt or truncated ${info.compression} data (${message})`);
  }
  if ((err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return new InputError(`${where}: the blob ended early`);
  return new InputError(`${where}: cannot read the layer (${message})`);
}

function wrapTarError(err: unknown, where: string): Error {
  if (err instanceof InputError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end/i.test(message)) return new InputError(`${where}: truncated tar (${message})`);
  return new InputError(`${where}: corrupt tar (${message})`);
}
