/**
 * Downloads .deb files into a cache keyed by SHA-256 (cacheDir/debs/<sha256>.deb), several at a time.
 * Each file is streamed to a temp file in the same folder while its size and hash are checked, and renamed
 * into place only once both match the index: a cache entry is always a verified file, and a failed, short
 * or corrupt transfer leaves nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { bodyChunks, HttpStatusError, httpGet, redact } from './http.js';
import type { DebPackage, FetchOptions } from './types.js';

/** Package name to the path of its verified .deb. Fails on the first bad download, after the others stop. */
export async function fetchDebs(packages: DebPackage[], options: FetchOptions): Promise<Map<string, string>> {
  const dir = join(options.cacheDir, 'debs');
  await mkdir(dir, { recursive: true });
  for (const pkg of packages) {
    if (!/^[0-9a-f]{64}$/.test(pkg.sha256)) throw new InputError(`${pkg.name} ${pkg.version}: SHA256 ${JSON.stringify(pkg.sha256)} is not 64 hex digits`);
  }
  const total = packages.reduce((sum, p) => sum + p.size, 0);
  let done = 0;
  const progress = (bytes: number): void => {
    done += bytes;
    options.onProgress?.(done, total);
  };
  const paths = new Map<string, string>();
  // One download per checksum, however many names share it.
  const pending = new Map<string, DebPackage>();
  for (const pkg of packages) {
    paths.set(pkg.name, join(dir, `${pkg.sha256}.deb`));
    if (!pending.has(pkg.sha256)) pending.set(pkg.sha256, pkg);
    else progress(pkg.size);
  }
  const queue = [...pending.values()];
  let failure: unknown;
  const worker = async (): Promise<void> => {
    for (let pkg = queue.shift(); pkg && failure === undefined; pkg = queue.shift()) {
      try {
        await fetchOne(pkg, dir, progress);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? 6);
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (failure !== undefined) throw failure;
  return paths;
}

async function fetchOne(pkg: DebPackage, dir: string, progress: (bytes: number) => void): Promise<void> {
  const target = join(dir, `${pkg.sha256}.deb`);
  const existing = await stat(target).catch(() => null);
  if (existing?.isFile() && existing.size === pkg.size) {
    // Cheap next to the build (about 0.1 s for python3's closure), and it catches a cache damaged on disk.
    if ((await hashFile(target)) === pkg.sha256) {
      progress(pkg.size);
      return;
    }
  }
  if (existing) await unlink(target).catch(() => {});
  const what = `${pkg.name} ${pkg.version} (${redact(pkg.url)})`;
  for (let attempt = 0; ; attempt++) {
    let counted = 0;
    try {
      await downloadVerified(pkg, target, what, (bytes) => {
        counted += bytes;
        progress(bytes);
      });
      return;
    } catch (err) {
      progress(-counted);
      // A broken transfer is worth another try; a wrong checksum or an HTTP 4xx is not.
      const transient = err instanceof TransferError || (err instanceof HttpStatusError && err.status >= 500);
      if (!transient || attempt >= 2) throw err instanceof TransferError ? new InputError(err.message) : err;
    }
  }
}

class TransferError extends InputError {}

async function downloadVerified(pkg: DebPackage, target: string, what: string, progress: (bytes: number) => void): Promise<void> {
  const temp = join(dirname(target), `.${pkg.sha256}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  const response = await httpGet(pkg.url);
  const handle = await open(temp, 'wx', 0o644);
  let renamed = false;
  try {
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of bodyChunks(response, pkg.url)) {
        size += chunk.length;
        // A server sending more than the index says is cut off rather than trusted to stop.
        if (size > pkg.size) throw new InputError(`${what}: larger than the ${pkg.size} bytes the index lists`);
        hash.update(chunk);
        await handle.write(chunk);
        progress(chunk.length);
      }
    } catch (err) {
      if (err instanceof InputError && !err.message.startsWith('cannot fetch')) throw err;
      throw new TransferError(`${what}: download broke off after ${size} of ${pkg.size} bytes (${(err as Error).message})`);
    }
    if (size !== pkg.size) throw new TransferError(`${what}: truncated, ${size} of ${pkg.size} bytes`);
    const actual = hash.digest('hex');
    if (actual !== pkg.sha256) throw new InputError(`${what}: SHA-256 ${actual} does not match the index (${pkg.sha256})`);
    await handle.sync();
    await handle.close();
    await rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      await handle.close().catch(() => {});
      await unlink(temp).catch(() => {});
    }
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
