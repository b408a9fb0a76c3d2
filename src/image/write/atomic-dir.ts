/**
 * Atomic outputs: everything is written under a temporary name next to the target (same filesystem), then renamed
 * into place; on failure the temporary is removed, and a target that is not ours to replace is never touched.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';

/** A sibling name for temporary output (`.NAME.whittle-PID-RAND.SUFFIX`). */
export function tempSibling(target: string, suffix: string): string {
  const abs = resolve(target);
  return join(dirname(abs), `.${basename(abs)}.whittle-${process.pid}-${randomBytes(4).toString('hex')}.${suffix}`);
}

/** An I/O error as one line the user can act on. */
export function writeError(err: unknown, target: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`cannot write ${target}: permission denied`);
  if (code === 'ENOSPC') return new InputError(`cannot write ${target}: no space left on the device`);
  if (code === 'EROFS') return new InputError(`cannot write ${target}: read-only file system`);
  if (code === 'ENOTDIR' || code === 'ENOENT') return new InputError(`cannot write ${target}: its folder does not exist or is not a folder`);
  return err as Error;
}

/** The folder the output goes into must exist (whittle does not guess at creating trees of folders). */
async function checkParent(target: string): Promise<void> {
  const parent = dirname(resolve(target));
  const s = await lstat(parent).catch(() => undefined);
  if (!s?.isDirectory()) throw new InputError(`cannot write ${target}: folder ${parent} does not exist`);
}

/**
 * Writes a directory (an OCI layout) atomically: `fill` populates a fresh temporary folder, which then replaces
 * the target. The target may be absent, an empty folder, or an OCI layout (`fill` is handed it, to carry its other
 * images over); anything else is refused.
 */
export async function writeDirAtomic(target: string, fill: (dir: string, existingLayout: string | undefined) => Promise<void>): Promise<void> {
  await checkParent(target);
  const existing = await lstat(target).catch(() => undefined);
  let replace = false;
  let existingLayout: string | undefined;
  if (existing) {
    if (!existing.isDirectory()) throw new InputError(`cannot write an OCI layout to ${target}: it exists and is not a folder`);
    const names = await readdir(target);
    if (names.length > 0 && !existsSync(join(target, 'oci-layout'))) {
      throw new InputError(`cannot write an OCI layout to ${target}: the folder is not empty and not an OCI layout (refusing to replace it)`);
    }
    replace = true;
    if (names.length > 0) existingLayout = target;
  }
  const temp = tempSibling(target, 'tmp');
  try {
    await mkdir(temp);
    await fill(temp, existingLayout);
    if (replace) {
      // Swap: the old layout moves aside, the new one in, then the old is removed.
      const old = tempSibling(target, 'old');
      await rename(target, old);
      try {
        await rename(temp, target);
      } catch (err) {
        await rename(old, target).catch(() => {});
        throw err;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw writeError(err, target);
  }
}

/** Writes a file atomically: `fill` writes the temporary file, which is then renamed over the target. */
export async function writeFileAtomically(target: string, fill: (file: string) => Promise<void>): Promise<void> {
  await checkParent(target);
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new InputError(`cannot write ${target}: it is a folder`);
  const temp = tempSibling(target, 'tmp');
  try {
    await fill(temp);
    // On disk before the rename makes it visible: a crash never leaves a truncated archive under the target's name.
    const handle = await open(temp, 'r');
    await handle.sync().finally(() => handle.close());
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw writeError(err, target);
  }
}

/** A scratch folder next to the target (removed by the caller with removeDir). */
export async function scratchDir(target: string): Promise<string> {
  await checkParent(target);
  const dir = tempSibling(target, 'staging');
  try {
    await mkdir(dir);
  } catch (err) {
    throw writeError(err, target);
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => rmdir(dir).catch(() => {}));
}
