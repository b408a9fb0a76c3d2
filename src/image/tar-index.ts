/**
 * An index of an outer archive (docker save, oci-archive): member name → byte range, built by reading only the
 * 512-byte headers (positional reads that skip over the data). Written by hand because tar-stream can only stream
 * every byte of the archive and reports no offsets; members are then served with fs.createReadStream(start, end),
 * so nothing is ever extracted to disk.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import { readAll } from './verify.js';

export interface TarMember {
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'link' | 'other';
  /** Where the data starts in the archive. */
  offset: number;
  size: number;
  linkname?: string;
}

const BLOCK = 512;
/** Archives of images hold a few hundred members; a flood of headers is refused rather than indexed. */
const MAX_MEMBERS = 200_000;
const MAX_EXTENDED_HEADER = 1024 * 1024;

/** `./a//b/` → `a/b`. Leaves `..` and leading `/` alone: lookups refuse those, so such members are never served. */
export function normaliseMemberName(name: string): string {
  let n = name.replace(/\/+/g, '/');
  while (n.startsWith('./')) n = n.slice(2);
  if (n.endsWith('/')) n = n.slice(0, -1);
  return n === '.' ? '' : n;
}

/**
 * A path named by the archive's own metadata (manifest.json, a symlink), made relative to the archive root; refuses
 * absolute paths and any `..` that climbs out.
 */
export function safeArchivePath(path: string, what: string, file: string): string {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\') || path.includes('\0')) {
    throw new InputError(`${what}: path ${JSON.stringify(path)} points outside the archive`, file);
  }
  const norm = posix.normalize(path);
  if (norm === '..' || norm.startsWith('../') || path.split('/').includes('..')) {
    throw new InputError(`${what}: path ${JSON.stringify(path)} points outside the archive`, file);
  }
  return normaliseMemberName(norm);
}

function cString(buf: Buffer, start: number, end: number): string {
  const zero = buf.indexOf(0, start);
  return buf.toString('utf8', start, zero === -1 || zero > end ? end : zero);
}

function parseNumber(buf: Buffer, start: number, end: number): number {
  if (buf[start]! & 0x80) {
    // GNU base-256: big-endian, high bit of the first byte set.
    let value = buf[start]! & 0x7f;
    for (let i = start + 1; i < end; i++) value = value * 256 + buf[i]!;
    return value;
  }
  const text = buf.toString('latin1', start, end).replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return NaN;
  return parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = parseNumber(header, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return stored === sum;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const len = parseInt(data.toString('latin1', pos, space), 10);
    if (!Number.isSafeInteger(len) || len <= 0 || pos + len > data.length) break;
    const record = data.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

export class TarIndex {
  private constructor(
    /** The archive as the user named it (in every error). */
    readonly file: string,
    /** Where the tar bytes are read from: the archive itself, or a decompressed private copy of it. */
    readonly path: string,
    readonly size: number,
    private readonly members: Map<string, TarMember>,
  ) {}

  /**
   * Indexes the tar at `path` (named `file` in messages): InputError when it is not a tar, is truncated or holds
   * a member twice.
   */
  static async open(path: string, file: string = path): Promise<TarIndex> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      throw new InputError(`cannot open archive: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
    }
    try {
      const size = (await fh.stat()).size;
      const members = await TarIndex.scan(fh, size, file);
      return new TarIndex(file, path, size, members);
    } finally {
      await fh.close();
    }
  }

  private static async scan(fh: FileHandle, fileSize: number, file: string): Promise<Map<string, TarMember>> {
    const members = new Map<string, TarMember>();
    const header = Buffer.alloc(BLOCK);
    let pos = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    let pax: Record<string, string> = {};
    let count = 0;
    for (;;) {
      if (pos + BLOCK > fileSize) {
        if (pos === fileSize && count > 0) break; // no end-of-archive blocks: tolerated, some writers omit them
        throw new InputError(count === 0 ? 'not a tar archive (empty or too short)' : `truncated tar archive (header at byte ${pos} is cut off)`, file);
      }
      const { bytesRead } = await fh.read(header, 0, BLOCK, pos);
      if (bytesRead < BLOCK) throw new InputError(`truncated tar archive at byte ${pos}`, file);
      if (header.every((b) => b === 0)) {
        if (count === 0) throw new InputError('not a tar archive (starts with an empty block)', file);
        break;
      }
      if (!checksumOk(header)) {
        throw new InputError(count === 0 ? 'not a tar archive' : `corrupt tar header at byte ${pos}`, file);
      }
      if (++count > MAX_MEMBERS) throw new InputError(`archive holds more than ${MAX_MEMBERS} members`, file);
      const typeflag = String.fromCharCode(header[156]!);
      let size = parseNumber(header, 124, 136);
      if (pax.size !== undefined) size = Number(pax.size);
      if (!Number.isSafeInteger(size) || size < 0) throw new InputError(`corrupt tar header at byte ${pos} (bad size)`, file);
      const dataStart = pos + BLOCK;
      if (dataStart + size > fileSize) {
        throw new InputError(`truncated tar archive: member at byte ${pos} needs ${size} bytes, ${fileSize - dataStart} remain`, file);
      }
      const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
      if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') {
        if (size > MAX_EXTENDED_HEADER) throw new InputError(`tar extended header at byte ${pos} is too large`, file);
        const data = Buffer.alloc(size);
        await fh.read(data, 0, size, dataStart);
        if (typeflag === 'L') longName = cString(data, 0, size);
        else if (typeflag === 'K') longLink = cString(data, 0, size);
        else if (typeflag === 'x') pax = { ...pax, ...parsePax(data) };
        pos = next;
        continue;
      }
      let name = cString(header, 0, 100);
      const ustar = header.toString('latin1', 257, 262) === 'ustar';
      if (ustar) {
        const prefix = cString(header, 345, 500);
        if (prefix) name = `${prefix}/${name}`;
      }
      name = pax.path ?? longName ?? name;
      const linkname = pax.linkpath ?? longLink ?? cString(header, 157, 257);
      longName = longLink = undefined;
      pax = {};
      const type: TarMember['type'] =
        typeflag === '0' || typeflag === '\0' || typeflag === '7'
          ? 'file'
          : typeflag === '5'
            ? 'dir'
            : typeflag === '2'
              ? 'symlink'
              : typeflag === '1'
                ? 'link'
                : 'other';
      const key = normaliseMemberName(name);
      const previous = members.get(key);
      if (previous && !(previous.type === 'dir' && type === 'dir')) {
        throw new InputError(`archive holds member ${JSON.stringify(key)} twice`, file);
      }
      members.set(key, { name: key, type, offset: dataStart, size: type === 'file' ? size : 0, ...(linkname ? { linkname } : {}) });
      pos = next;
    }
    return members;
  }

  /** Member names (normalised), in archive order. */
  names(): string[] {
    return [...this.members.keys()];
  }

  has(path: string): boolean {
    try {
      return this.resolve(path, 'lookup') !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * The regular file a path names, following symlinks and hard links inside the archive (legacy `docker save`
   * links repeated layers); undefined when absent. `path` must already be safe (see safeArchivePath).
   */
  resolve(path: string, what: string): TarMember | undefined {
    let current = normaliseMemberName(path);
    for (let hops = 0; hops < 16; hops++) {
      const m = this.members.get(current);
      if (!m) return undefined;
      if (m.type === 'file') return m;
      if (m.type === 'symlink' && m.linkname !== undefined) {
        current = safeArchivePath(posix.join(posix.dirname(current), m.linkname), `${what} (symlink ${current})`, this.file);
      } else if (m.type === 'link' && m.linkname !== undefined) {
        current = safeArchivePath(m.linkname, `${what} (hard link ${current})`, this.file);
      } else {
        throw new InputError(`${what}: ${current} is not a regular file in the archive`, this.file);
      }
    }
    throw new InputError(`${what}: too many links resolving ${path}`, this.file);
  }

  /** The member a path names, with a clear error when it is absent. */
  require(path: string, what: string): TarMember {
    const m = this.resolve(path, what);
    if (!m) throw new InputError(`${what}: ${JSON.stringify(path)} is not in the archive`, this.file);
    return m;
  }

  /** Streams a member's bytes straight from the archive file. */
  openMember(member: TarMember): Readable {
    if (member.size === 0) return Readable.from([]);
    return createReadStream(this.path, { start: member.offset, end: member.offset + member.size - 1 });
  }

  /** The first bytes of a member (for magic numbers). */
  async peekMember(member: TarMember, n: number): Promise<Buffer> {
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(n, member.size));
      await fh.read(buf, 0, buf.length, member.offset);
      return buf;
    } finally {
      await fh.close();
    }
  }

  /** Reads a small member whole (JSON metadata), refusing members larger than `limit`. */
  async readMember(path: string, limit: number, what: string): Promise<Buffer> {
    const m = this.require(path, what);
    if (m.size > limit) throw new InputError(`${what}: ${m.size} bytes is larger than the ${limit}-byte limit`, this.file);
    return readAll(this.openMember(m), limit, what, this.file);
  }
}
