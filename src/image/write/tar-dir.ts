/**
 * A folder as a reproducible tar (for oci-archive and docker-archive): the same tar writer as layers, so entries
 * are sorted, owners root, modes 0644/0755 and every mtime the one given.
 */
import { createReadStream } from 'node:fs';
import { readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLayer } from './layer.js';
import type { LayerEntry } from './types.js';

async function walk(root: string, rel: string, out: LayerEntry[]): Promise<void> {
  for (const d of await readdir(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${d.name}` : d.name;
    const full = join(root, path);
    if (d.isDirectory()) {
      out.push({ path, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
      await walk(root, path, out);
    } else if (d.isFile()) {
      const size = (await stat(full)).size;
      out.push({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size, data: () => createReadStream(full) });
    }
  }
}

/** Writes `dir` as an uncompressed tar at `file`, using `workDir` (same filesystem as `file`) for the temporary. */
export async function tarDirectory(dir: string, file: string, mtime: number, workDir: string): Promise<void> {
  const entries: LayerEntry[] = [];
  await walk(dir, '', entries);
  const built = await buildLayer(entries, { mtime, compression: 'none', workDir });
  await rename(built.file, file);
}
