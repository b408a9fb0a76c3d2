/**
 * buildLayer: a reproducible layer blob from a list of entries. The same entries and options always give the same
 * bytes: entries sorted by path (byte order), missing parent directories added (0755 root:root), one mtime for all,
 * numeric owners with empty user and group names, and compression without timestamps or names.
 * File data streams through (tar, hash, compress, hash, file): a layer never sits in memory whole.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack, type Header, type Pack } from 'tar-stream';
import { InputError } from '../../core/errors.js';
import { ociLayerType } from '../media-types.js';
import type { Compression } from '../types.js';
import type { BuiltLayer, LayerEntry, LayerOptions } from './types.js';

/**
 * gzip level 6, zlib's default and `gzip -6`'s: the usual balance for layers (docker and containerd use the default).
 * Node's zlib writes no name and a zero mtime in the gzip header, so the output depends only on the input and
 * the zlib build (Node bundles its own, so one Node version always gives the same bytes).
 */
export const GZIP_LEVEL = 6;
/** zstd level 3, the zstd tool's default. */
export const ZSTD_LEVEL = 3;
/** What the ustar header's 7-digit octal uid/gid fields hold. */
const MAX_ID = 0o7777777;

/** One tar member after normalisation: a path that is safe and unique, and which entry carries hardlinked data. */
interface PlannedEntry {
  path: string;
  entry: LayerEntry;
  /** For hardlinks: the path (earlier in the tar) that carries the data. */
  linkTo?: string;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Refuses paths that could escape the root or be read two ways: absolute, `.`/`..`, empty components, NUL. */
export function checkEntryPath(path: string, what = 'layer entry'): string {
  const bad = (why: string) => new InputError(`${what} ${JSON.stringify(path)}: ${why}`);
  if (typeof path !== 'string' || path.length === 0) throw bad('empty path');
  if (path.includes('\0')) throw bad('path contains a NUL byte');
  if (path.startsWith('/')) throw bad('absolute path (paths are relative to the image root)');
  for (const part of path.split('/')) {
    if (part === '..') throw bad('path climbs out of the image root (..)');
    if (part === '.' || part === '') throw bad('path has an empty or "." component (write it normalised, e.g. usr/bin/x)');
  }
  return path;
}

function checkEntry(e: LayerEntry): void {
  const bad = (why: string) => new InputError(`layer entry ${JSON.stringify(e.path)}: ${why}`);
  if (!['file', 'directory', 'symlink', 'hardlink'].includes(e.type)) throw bad(`unknown type ${JSON.stringify(e.type)}`);
  // File-type bits (st_mode's 0o170000), as some tar readers hand them over, are dropped in the header.
  if (!Number.isInteger(e.mode) || e.mode < 0 || e.mode > 0o177777) throw bad(`mode ${e.mode} is not a file mode`);
  for (const [name, id] of [['uid', e.uid], ['gid', e.gid]] as const) {
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) throw bad(`${name} ${id} out of range (0 to ${MAX_ID})`);
  }
  if ((e.type === 'symlink' || e.type === 'hardlink') && !e.linkTarget) throw bad(`${e.type} without a target`);
  if (e.type === 'file') {
    if (typeof e.data === 'function' && (e.size === undefined || !Number.isInteger(e.size) || e.size < 0)) throw bad('streamed file data needs its size');
    if (Buffer.isBuffer(e.data) && e.size !== undefined && e.size !== e.data.length) throw bad(`size ${e.size} differs from the data's ${e.data.length} bytes`);
  }
}

/**
 * The tar members in order: validated, duplicates refused, parents added, sorted by bytes. Hardlink groups are
 * rewritten so the first member in tar order carries the data and the others link to it (extractors need the
 * target before the link).
 */
export function planEntries(entries: LayerEntry[]): PlannedEntry[] {
  const byPath = new Map<string, LayerEntry>();
  for (const e of entries) {
    checkEntryPath(e.path);
    checkEntry(e);
    if (byPath.has(e.path)) throw new InputError(`layer entry ${JSON.stringify(e.path)}: duplicate path`);
    byPath.set(e.path, e);
  }
  // Missing parents become root-owned 0755 directories; a parent that exists must be a directory.
  for (const path of [...byPath.keys()]) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const existing = byPath.get(parent);
      if (!existing) byPath.set(parent, { path: parent, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
      else if (existing.type !== 'directory') throw new InputError(`layer entry ${JSON.stringify(path)}: its parent ${JSON.stringify(parent)} is a ${existing.type}, not a directory`);
    }
  }
  // Hardlinks: resolve chains to the file that owns the data, then let the smallest path of each group carry it.
  const ownerOf = (e: LayerEntry): string => {
    const seen = new Set<string>();
    let cur = e;
    while (cur.type === 'hardlink') {
      if (seen.has(cur.path)) throw new InputError(`layer entry ${JSON.stringify(e.path)}: hardlinks form a cycle`);
      seen.add(cur.path);
      const target = byPath.get(checkEntryPath(cur.linkTarget!, `hardlink ${JSON.stringify(cur.path)} target`));
      if (!target) throw new InputError(`layer entry ${JSON.stringify(cur.path)}: hardlink target ${JSON.stringify(cur.linkTarget)} is not in the layer`);
      cur = target;
    }
    if (cur.type !== 'file') throw new InputError(`layer entry ${JSON.stringify(e.path)}: hardlink target ${JSON.stringify(cur.path)} is a ${cur.type}, not a file`);
    return cur.path;
  };
  const groups = new Map<string, string[]>();
  for (const e of byPath.values()) {
    if (e.type !== 'hardlink') continue;
    const owner = ownerOf(e);
    const group = groups.get(owner) ?? [owner];
    group.push(e.path);
    groups.set(owner, group);
  }
  const planned = new Map<string, PlannedEntry>();
  for (const [path, entry] of byPath) planned.set(path, { path, entry });
  for (const [owner, members] of groups) {
    members.sort(compareBytes);
    const first = members[0]!;
    const data = byPath.get(owner)!;
    planned.set(first, { path: first, entry: { ...data, path: first } });
    for (const m of members.slice(1)) planned.set(m, { path: m, entry: { ...data, path: m, type: 'hardlink', linkTarget: first }, linkTo: first });
  }
  return [...planned.values()].sort((a, b) => compareBytes(a.path, b.path));
}

function headerOf(p: PlannedEntry, mtime: Date): Partial<Header> & { name: string; size: number } {
  const e = p.entry;
  const common = { mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, uname: '', gname: '', mtime };
  switch (e.type) {
    case 'directory':
      return { ...common, name: `${p.path}/`, type: 'directory', size: 0 };
    case 'symlink':
      return { ...common, name: p.path, type: 'symlink', linkname: e.linkTarget!, size: 0 };
    case 'hardlink':
      return { ...common, name: p.path, type: 'link', linkname: p.linkTo ?? e.linkTarget!, size: 0 };
    case 'file':
      return { ...common, name: p.path, type: 'file', size: Buffer.isBuffer(e.data) ? e.data.length : (e.size ?? 0) };
  }
}

/** Writes one member; streamed data is piped with backpressure and must have exactly the declared size. */
async function writeMember(tar: Pack, p: PlannedEntry, mtime: Date): Promise<void> {
  const header = headerOf(p, mtime);
  const data = p.entry.type === 'file' ? p.entry.data : undefined;
  if (typeof data !== 'function') {
    await new Promise<void>((resolve, reject) => tar.entry(header, Buffer.isBuffer(data) ? data : Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
    return;
  }
  let sink!: Writable;
  const done = new Promise<void>((resolve, reject) => {
    sink = tar.entry(header, (err) => (err ? reject(err) : resolve())) as unknown as Writable;
  });
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      written += chunk.length;
      if (written > header.size) cb(new InputError(`layer entry ${JSON.stringify(p.path)}: data is longer than its size ${header.size}`));
      else cb(null, chunk);
    },
    flush(cb) {
      cb(written === header.size ? null : new InputError(`layer entry ${JSON.stringify(p.path)}: data has ${written} bytes, its size says ${header.size}`));
    },
  });
  await Promise.all([pipeline(data(), counter, sink), done]);
}

function hashing(hash: Hash, count?: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      if (count) count.bytes += chunk.length;
      cb(null, chunk);
    },
  });
}

/**
 * zstd through the `zstd` tool: Node 20's zlib has no zstd compressor (it came in Node 22.15), and the npm
 * choices are native addons or wasm builds without streaming; the tool streams, is in every distribution
 * (Debian: zstd), and gives the same bytes for the same input, level and version (stdin gives frames without a
 * content size, and one thread is asked for explicitly).
 */
function zstdCompressor(): Transform {
  const child = spawn('zstd', [`-${ZSTD_LEVEL}`, '-T1', '-q', '-c', '--no-progress'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new InputError('zstd compression needs the zstd command (apt-get install zstd), or use gzip') : err),
    );
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`zstd exited with ${code}: ${stderr.trim()}`))));
  });
  exited.catch(() => {});
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!child.stdin.write(chunk)) child.stdin.once('drain', () => cb());
      else cb();
    },
    flush(cb) {
      child.stdin.end();
      exited.then(() => cb(), cb);
    },
    destroy(err, cb) {
      if (child.exitCode === null) child.kill();
      cb(err);
    },
  });
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stdin.on('error', (err) => out.destroy(err));
  exited.catch((err) => out.destroy(err as Error));
  // The transform's flush waits for `close`, which comes after stdout has ended: every byte is pushed by then.
  return out;
}

/**
 * The gzip header's OS byte (offset 9) is what zlib was compiled for (3 on Linux, 19 on macOS ...): set to 3
 * (Unix) everywhere, so the same layer has the same digest whichever machine built it.
 */
function fixedGzipOs(): Transform {
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (offset <= 9 && offset + chunk.length > 9) {
        chunk = Buffer.from(chunk);
        chunk[9 - offset] = 3;
      }
      offset += chunk.length;
      cb(null, chunk);
    },
  });
}

function compressors(compression: Compression): Transform[] {
  if (compression === 'gzip') return [createGzip({ level: GZIP_LEVEL }), fixedGzipOs()];
  if (compression === 'zstd') return [zstdCompressor()];
  if (compression === 'none') return [];
  throw new InputError(`unknown layer compression ${JSON.stringify(compression)} (gzip, zstd or none)`);
}

export async function buildLayer(entries: LayerEntry[], options: LayerOptions): Promise<BuiltLayer> {
  if (!Number.isInteger(options.mtime) || options.mtime < 0 || options.mtime > 8 ** 11 - 1) {
    throw new InputError(`layer mtime ${options.mtime} is not a whole number of seconds since 1970 (SOURCE_DATE_EPOCH)`);
  }
  const plan = planEntries(entries);
  const mtime = new Date(options.mtime * 1000);
  await mkdir(options.workDir, { recursive: true });
  const compress = compressors(options.compression);
  const temp = join(options.workDir, `.layer-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const diffHash = createHash('sha256');
  const blobHash = createHash('sha256');
  const blobSize = { bytes: 0 };
  const tar = pack();
  const produce = (async () => {
    for (const p of plan) await writeMember(tar, p, mtime);
    tar.finalize();
  })();
  const stages: (NodeJS.ReadableStream | NodeJS.WritableStream)[] = [tar as unknown as Readable, hashing(diffHash)];
  stages.push(...compress);
  stages.push(hashing(blobHash, blobSize), createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
  const consume = pipeline(stages as unknown as [Readable, Writable]);
  try {
    await Promise.all([
      produce.catch((err: unknown) => {
        (tar as unknown as Readable).destroy(err as Error);
        throw err;
      }),
      consume.catch((err: unknown) => {
        // The producer may be waiting on an entry's callback: tear the tar down so nothing keeps running.
        (tar as unknown as Readable).destroy(err as Error);
        throw err;
      }),
    ]);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
  const digest = `sha256:${blobHash.digest('hex')}`;
  const file = join(options.workDir, `${digest.slice('sha256:'.length)}.blob`);
  await rename(temp, file);
  return {
    file,
    digest,
    diffId: `sha256:${diffHash.digest('hex')}`,
    size: blobSize.bytes,
    mediaType: ociLayerType(options.compression),
    createdBy: options.createdBy ?? `whittle: ${plan.length} entries`,
  };
}
