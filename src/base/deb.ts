/**
 * Reads a .deb without dpkg: the ar archive's members found by positional reads of their 60-byte headers (ar is
 * three fields and a size; no npm package reads it as a stream of members with offsets), control.tar.* for
 * control/md5sums/conffiles/postinst, and data.tar.{xz,zst,gz} streamed once through tar-stream into LayerEntry
 * values.
 * Small files stay in memory; larger ones are spooled into one file per package and served back as ranges,
 * so a JRE never sits in memory. Paths are checked here: absolute or `..` names, hardlinks to nowhere and
 * relative symlinks that climb out of the root are refused with the package named.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import { InputError } from '../core/errors.js';
import type { LayerEntry } from '../image/write/types.js';
import { debDecompressor, memberCompression } from './deb-decompress.js';
import { parseControl } from './control.js';

export interface DebContents {
  /** The package name the caller gave (for errors). */
  package: string;
  /** The `control` file's fields, in order. */
  control: [string, string][];
  md5sums?: string;
  conffiles?: string;
  /** The postinst script's text, never run: read for its literal `update-alternatives --install` lines. */
  postinst?: string;
  /** data.tar's entries in archive order, paths relative (`usr/bin/python3`), the root itself left out. */
  entries: LayerEntry[];
  /** The newest ar member time (when the package was built), seconds since 1970: a reproducible default timestamp. */
  builtAt: number;
}

export interface ReadDebOptions {
  /** Folder for the spool file of large file contents. */
  spoolDir: string;
  /** Files up to this many bytes stay in memory (default 256 KiB). */
  inMemoryLimit?: number;
}

interface ArMember {
  name: string;
  mtime: number;
  offset: number;
  size: number;
}

const AR_MAGIC = '!<arch>\n';
const AR_HEADER = 60;
/** control.tar holds a few small text files; anything bigger is not a real .deb. */
const MAX_CONTROL_BYTES = 16 * 1024 * 1024;

async function readExactly(fh: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The members of an ar archive (debian-binary, control.tar.*, data.tar.*). */
export async function readArMembers(fh: FileHandle, fileSize: number, what: string): Promise<ArMember[]> {
  const magic = await readExactly(fh, 8, 0);
  if (magic.toString('latin1') !== AR_MAGIC) throw new Error(`${what}: not a .deb (no ar archive header)`);
  const members: ArMember[] = [];
  let pos = 8;
  while (pos < fileSize) {
    const header = await readExactly(fh, AR_HEADER, pos);
    if (header.length < AR_HEADER) throw new Error(`${what}: truncated .deb (member header cut short)`);
    if (header.toString('latin1', 58, 60) !== '`\n') throw new Error(`${what}: corrupt .deb (bad ar member header at byte ${pos})`);
    const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '');
    const sizeText = header.toString('latin1', 48, 58).trim();
    if (!/^\d+$/.test(sizeText)) throw new Error(`${what}: corrupt .deb (bad ar member size "${sizeText}")`);
    const size = Number(sizeText);
    const offset = pos + AR_HEADER;
    if (offset + size > fileSize) throw new Error(`${what}: truncated .deb (${name} needs ${size} bytes, ${fileSize - offset} left)`);
    const mtime = Number(header.toString('latin1', 16, 28).trim());
    members.push({ name, offset, size, mtime: Number.isFinite(mtime) ? mtime : 0 });
    pos = offset + size + (size % 2);
  }
  return members;
}

/** A data.tar member name made relative and safe: `./usr/bin/x` → `usr/bin/x`; null for the root itself. */
export function debPath(name: string, pkg: string): string | null {
  if (name.includes('\0') || name.includes('\\')) throw new InputError(`${pkg}: unsafe path ${JSON.stringify(name)} in data.tar`);
  let n = name.replace(/\/+/g, '/');
  while (n.startsWith('./')) n = n.slice(2);
  if (n === '.' || n === '' || n === '/') return null;
  if (n.startsWith('/')) throw new InputError(`${pkg}: absolute path ${JSON.stringify(name)} in data.tar`);
  if (n.endsWith('/')) n = n.slice(0, -1);
  const parts = n.split('/');
  if (parts.some((p) => p === '..' || p === '.')) throw new InputError(`${pkg}: unsafe path ${JSON.stringify(name)} in data.tar (has "." or "..")`);
  return n;
}

/** Does a relative symlink at `path` pointing at `target` stay inside the root? (Absolute targets always do: they resolve in the image.) */
export function symlinkStaysInside(path: string, target: string): boolean {
  if (target.startsWith('/')) return true;
  const stack = path.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return false;
      stack.pop();
    } else stack.push(part);
  }
  return true;
}

async function collect(stream: AsyncIterable<Buffer>, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new Error(`${what} is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function entryType(header: Header, pkg: string, path: string): LayerEntry['type'] {
  switch (header.type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      throw new InputError(`${pkg}: unsupported entry type ${header.type ?? 'unknown'} at ${path} in data.tar`);
  }
}

async function readControl(fh: FileHandle, member: ArMember, pkg: string): Promise<Pick<DebContents, 'control' | 'md5sums' | 'conffiles' | 'postinst'>> {
  const compression = memberCompression(member.name);
  if (!compression) throw new Error(`${pkg}: unsupported ${member.name} in .deb`);
  if (member.size > MAX_CONTROL_BYTES) throw new Error(`${pkg}: ${member.name} is implausibly large (${member.size} bytes)`);
  const raw = await readExactly(fh, member.size, member.offset);
  const files = new Map<string, string>();
  const ex = extract();
  const done = (async () => {
    for await (const entry of ex) {
      const name = entry.header.name.replace(/^\.\//, '');
      const body = await collect(entry as unknown as AsyncIterable<Buffer>, MAX_CONTROL_BYTES, `${pkg}: control.tar member ${name}`);
      if (['control', 'md5sums', 'conffiles', 'postinst'].includes(name)) files.set(name, body.toString('utf8'));
    }
  })();
  const decompressor = debDecompressor(compression);
  await Promise.all([pipeline(readableOf(raw), decompressor, ex), done]);
  const control = files.get('control');
  if (control === undefined) throw new Error(`${pkg}: the .deb has no control file`);
  return { control: parseControl(control), md5sums: files.get('md5sums'), conffiles: files.get('conffiles'), postinst: files.get('postinst') };
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

function readableOf(buf: Buffer): AsyncIterable<Buffer> {
  return once(buf);
}

/** Reads a .deb; any failure is an InputError naming the package and the file. */
export async function readDeb(file: string, pkg: string, options: ReadDebOptions): Promise<DebContents> {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${pkg}: cannot open its .deb (${err.code ?? err.message})`, file);
  });
  const spoolPath = join(options.spoolDir, `${pkg}.${process.pid}.spool`);
  let spool: FileHandle | undefined;
  try {
    const size = (await fh.stat()).size;
    const members = await readArMembers(fh, size, pkg);
    const controlMember = members.find((m) => m.name.startsWith('control.tar'));
    const dataMember = members.find((m) => m.name.startsWith('data.tar'));
    if (!controlMember || !dataMember) throw new Error(`${pkg}: corrupt .deb (no ${controlMember ? 'data' : 'control'}.tar member)`);
    const control = await readControl(fh, controlMember, pkg);
    const compression = memberCompression(dataMember.name);
    if (!compression) throw new Error(`${pkg}: unsupported ${dataMember.name} (whittle reads data.tar.xz, .zst, .gz and plain .tar)`);

    const limit = options.inMemoryLimit ?? 256 * 1024;
    const entries: LayerEntry[] = [];
    const files = new Set<string>();
    let spoolSize = 0;
    const ex = extract();
    const consume = (async () => {
      for await (const entry of ex) {
        const header = entry.header;
        const path = debPath(header.name, pkg);
        if (path === null) {
          entry.resume();
          continue;
        }
        const type = entryType(header, pkg, path);
        const base = { path, type, mode: (header.mode ?? 0o644) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0 };
        if (type === 'symlink') {
          const target = header.linkname ?? '';
          if (!target || target.includes('\0')) throw new InputError(`${pkg}: symlink ${path} has no target`);
          if (!symlinkStaysInside(path, target)) throw new InputError(`${pkg}: symlink ${path} -> ${target} points outside the root file system`);
          entries.push({ ...base, linkTarget: target });
          entry.resume();
        } else if (type === 'hardlink') {
          const target = debPath(header.linkname ?? '', pkg);
          if (target === null || !files.has(target)) throw new InputError(`${pkg}: hardlink ${path} -> ${header.linkname ?? ''} does not name an earlier file of the package`);
          entries.push({ ...base, linkTarget: target });
          entry.resume();
        } else if (type === 'directory') {
          entries.push(base);
          entry.resume();
        } else {
          const fileSize = header.size ?? 0;
          files.add(path);
          if (fileSize <= limit) {
            const data = await collect(entry as unknown as AsyncIterable<Buffer>, limit, `${pkg}: ${path}`);
            entries.push({ ...base, data, size: data.length });
          } else {
            spool ??= await open(spoolPath, 'w+');
            const start = spoolSize;
            for await (const chunk of entry as AsyncIterable<Buffer>) {
              await spool.write(chunk, 0, chunk.length, spoolSize);
              spoolSize += chunk.length;
            }
            if (spoolSize - start !== fileSize) throw new Error(`${pkg}: ${path} is cut short in data.tar`);
            const end = spoolSize - 1;
            entries.push({ ...base, size: fileSize, data: () => createReadStream(spoolPath, { start, end }) });
          }
        }
      }
    })();
    const source = createReadStream(file, { start: dataMember.offset, end: dataMember.offset + dataMember.size - 1 });
    await Promise.all([pipeline(source, debDecompressor(compression), ex), consume]);
    const builtAt = Math.max(0, ...members.map((m) => m.mtime));
    return { package: pkg, ...control, entries, builtAt };
  } catch (err) {
    if (err instanceof InputError) throw err;
    const message = (err as Error).message;
    throw new InputError(message.startsWith(`${pkg}:`) ? message : `${pkg}: corrupt .deb (${message})`, file);
  } finally {
    await fh.close();
    await spool?.close();
  }
}
