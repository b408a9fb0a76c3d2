/** The `oci:DIR[:TAG]` and `oci-archive:FILE[:TAG]` sources. */
import { stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { DirLayoutStore, TarLayoutStore, imageFromLayout } from './layout.js';
import { imageFromArchiveFile } from './archive-file.js';
import type { TarIndex } from './tar-index.js';
import type { Image, Platform } from './types.js';

export interface LocalOpenOptions {
  reference: string;
  platform?: Platform;
}

export async function openOciLayout(dir: string, tag: string | undefined, opts: LocalOpenOptions): Promise<Image> {
  let s;
  try {
    s = await stat(dir);
  } catch {
    throw new InputError('no such OCI layout directory', dir);
  }
  if (!s.isDirectory()) throw new InputError('not a directory (an OCI layout is a directory; use oci-archive: for a tar)', dir);
  const store = new DirLayoutStore(dir);
  return imageFromLayout({ store, reference: opts.reference, source: 'oci', ...(opts.platform ? { platform: opts.platform } : {}) }, tag);
}

export async function openOciArchive(file: string, tag: string | undefined, opts: LocalOpenOptions, tar?: TarIndex): Promise<Image> {
  if (!tar) return imageFromArchiveFile(file, (index) => openOciArchive(file, tag, opts, index));
  const index = tar;
  const store = new TarLayoutStore(index);
  return imageFromLayout({ store, reference: opts.reference, source: 'oci-archive', ...(opts.platform ? { platform: opts.platform } : {}) }, tag);
}
