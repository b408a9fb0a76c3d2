/** The real Debian archive (the machine's mirror, bookworm main amd64), loaded once per process, cached under .cache/. */
import { join } from 'node:path';
import { loadArchiveIndex } from '../../../src/base/apt/index-loader.js';
import { defaultMirror } from '../../../src/base/apt/sources.js';
import type { AptSource, ArchiveIndex } from '../../../src/base/apt/types.js';
import { repoRoot } from '../../helpers/paths.js';

export const realCacheDir = join(repoRoot, '.cache', 'whittle-apt');
export const bookworm: AptSource = { url: defaultMirror(), suite: 'bookworm', components: ['main'] };

let loading: Promise<ArchiveIndex> | undefined;
export function realIndex(): Promise<ArchiveIndex> {
  loading ??= loadArchiveIndex({ sources: [bookworm], architecture: 'amd64', cacheDir: realCacheDir });
  return loading;
}
