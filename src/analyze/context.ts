/**
 * What every analyzer receives: the image's metadata, the pass result and the merged file system.
 * Analyzers are pure functions of it; none reads bytes (the pass captured what they need).
 */
import type { Image } from '../image/types.js';
import type { FsNode, MergedFs } from './fs/merged.js';
import { lookup } from './fs/merged.js';
import { resolveSymlinkTarget } from './pass/paths.js';
import type { CapturedFile, LayerScan } from './pass/types.js';

export type ImageMeta = Pick<Image, 'reference' | 'source' | 'digest' | 'config' | 'configDigest' | 'platform' | 'layers' | 'manifest'>;

export interface AnalysisContext {
  image: ImageMeta;
  scans: LayerScan[];
  fs: MergedFs;
}

/** Captured bytes of one layer's copy of a path. */
export function capturedIn(ctx: AnalysisContext, layer: number, path: string): CapturedFile | undefined {
  return ctx.scans[layer]?.captured.find((c) => c.path === path);
}

/** The visible node at `path`, following symlinks (inside the root) and hardlinks, at most 40 hops. */
export function resolveVisible(ctx: AnalysisContext, path: string): FsNode | null {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const node = lookup(ctx.fs.root, current);
    if (!node?.entry) return node;
    const e = node.entry;
    if (e.type === 'symlink' && e.link !== undefined) {
      const next = resolveSymlinkTarget(e.path, e.link) ?? '/' + e.link.replace(/^(\.\.\/)+/, '');
      current = next;
      continue;
    }
    if (e.type === 'hardlink' && e.link) {
      current = e.link;
      continue;
    }
    return node;
  }
  return null;
}

/** The bytes of the file visible at `path` (after links), when the pass captured them. */
export function visibleContent(ctx: AnalysisContext, path: string): { data: Buffer; captured: CapturedFile; layer: number } | null {
  const node = resolveVisible(ctx, path);
  if (!node?.entry || node.entry.type !== 'file') return null;
  const captured = capturedIn(ctx, node.layer, node.entry.path);
  if (!captured) return null;
  return { data: Buffer.from(captured.data.buffer, captured.data.byteOffset, captured.data.byteLength), captured, layer: node.layer };
}

export function visibleText(ctx: AnalysisContext, path: string): string | null {
  return visibleContent(ctx, path)?.data.toString('utf8') ?? null;
}
