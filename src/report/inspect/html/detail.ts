/**
 * The report's `detail` for the HTML page: the final file system by size and each layer's changed paths.
 * Both grow with the image, so both are bounded: the tree keeps the largest nodes (a node only with its parent)
 * and folds the rest of each directory into one `rest` node; the layer lists keep the largest paths.
 */
import type { AnalysisContext } from '../../../analyze/context.js';
import type { FsNode } from '../../../analyze/fs/merged.js';
import type { FileTreeNode, InspectDetail, LayerFileChange, LayerFiles } from '../model.js';
import { MaxHeap } from './heap.js';

export interface DetailLimits {
  /** Nodes in the file tree, `rest` nodes not counted. */
  maxTreeNodes: number;
  /** Paths per list (added, modified, removed) per layer. */
  maxLayerFiles: number;
}

export const DEFAULT_DETAIL_LIMITS: DetailLimits = { maxTreeNodes: 5000, maxLayerFiles: 200 };

interface Sized {
  node: FsNode;
  bytes: number;
  files: number;
  kids: Sized[];
}

/** Bytes and file counts of every non-empty node, bottom up, without recursion (deep trees exist). */
function sizeTree(root: FsNode): Sized {
  const sized = new Map<FsNode, Sized>();
  const order: FsNode[] = [];
  const stack: FsNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    if (n.children) for (const c of n.children.values()) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const s: Sized = { node: n, bytes: 0, files: 0, kids: [] };
    if (n.children) {
      for (const c of n.children.values()) {
        const cs = sized.get(c);
        if (!cs || cs.bytes === 0) continue;
        s.kids.push(cs);
        s.bytes += cs.bytes;
        s.files += cs.files;
      }
      for (const c of n.children.values()) sized.delete(c);
    } else if (n.entry?.type === 'file') {
      s.bytes = n.entry.size;
      s.files = 1;
    }
    sized.set(n, s);
  }
  return sized.get(root)!;
}

/** The largest `max` nodes of the tree (a node is kept only with its parent, which is never smaller). */
export function boundedTree(root: FsNode, max: number): FileTreeNode {
  const top = sizeTree(root);
  const out = new Map<Sized, FileTreeNode>();
  const toNode = (s: Sized): FileTreeNode => ({
    name: s.node.name || '/',
    sizeBytes: s.bytes,
    files: s.files,
    layer: s.node.children ? -1 : s.node.layer,
    ...(s.node.children ? { children: [] } : {}),
  });
  out.set(top, toNode(top));
  const heap = new MaxHeap<{ s: Sized; parent: FileTreeNode }>((x) => x.s.bytes);
  for (const k of top.kids) heap.push({ s: k, parent: out.get(top)! });
  let kept = 0;
  const left = new Map<FileTreeNode, { bytes: number; files: number }>();
  while (heap.size) {
    const { s, parent } = heap.pop()!;
    if (kept >= max) {
      const l = left.get(parent) ?? { bytes: 0, files: 0 };
      l.bytes += s.bytes;
      l.files += s.files;
      left.set(parent, l);
      continue;
    }
    const node = toNode(s);
    parent.children!.push(node);
    kept++;
    for (const k of s.kids) heap.push({ s: k, parent: node });
  }
  for (const [parent, l] of left) parent.children!.push({ name: `${l.files} smaller files`, sizeBytes: l.bytes, files: l.files, layer: -1, rest: true });
  return out.get(top)!;
}

function largest(list: LayerFileChange[], max: number): LayerFileChange[] {
  return list.sort((a, b) => b.sizeBytes - a.sizeBytes || (a.path < b.path ? -1 : 1)).slice(0, max);
}

/** The nearest of `path` and its ancestors that is a key of `roots`. */
function ancestorIn<T>(roots: Map<string, T>, path: string): T | undefined {
  for (let p = path; ; ) {
    const hit = roots.get(p);
    if (hit !== undefined) return hit;
    if (p === '/' || p === '') return undefined;
    const cut = p.lastIndexOf('/');
    p = cut <= 0 ? '/' : p.slice(0, cut);
  }
}

/**
 * Each layer's added, modified and removed paths. A path is modified when the layer hides a lower layer's copy
 * of it (the merged file system records every hidden copy with bytes), otherwise added; directories are left out.
 */
export function layerFiles(ctx: AnalysisContext, maxPerList: number): LayerFiles[] {
  const overwritten = ctx.scans.map(() => new Set<string>());
  const removedBytes = ctx.scans.map(() => new Map<string, LayerFileChange>());
  ctx.scans.forEach((scan, L) => {
    for (const e of scan.entries) {
      if (e.type === 'whiteout' || e.type === 'opaque') removedBytes[L]!.set(e.path, { path: e.type === 'opaque' ? `${e.path}/*` : e.path, sizeBytes: 0 });
    }
  });
  for (const h of ctx.fs.hidden) {
    if (h.layer >= h.hiddenBy) continue;
    if (h.how === 'deleted' || h.how === 'opaque') {
      const change = ancestorIn(removedBytes[h.hiddenBy]!, h.path);
      if (change) change.sizeBytes += h.size;
    } else {
      overwritten[h.hiddenBy]!.add(h.path);
    }
  }
  return ctx.scans.map((scan, L) => {
    const written = new Map<string, number>();
    for (const e of scan.entries) {
      if (e.type === 'dir' || e.type === 'whiteout' || e.type === 'opaque') continue;
      written.set(e.path, e.size);
    }
    const added: LayerFileChange[] = [];
    const modified: LayerFileChange[] = [];
    for (const [path, sizeBytes] of written) (overwritten[L]!.has(path) ? modified : added).push({ path, sizeBytes });
    const removed = [...removedBytes[L]!.values()];
    return {
      added: largest(added, maxPerList),
      modified: largest(modified, maxPerList),
      removed: largest(removed, maxPerList),
      totals: { added: added.length, modified: modified.length, removed: removed.length },
    };
  });
}

/** The detail the HTML page embeds; pass it to `inspectImage` as `detail`. */
export function htmlDetail(ctx: AnalysisContext, limits: DetailLimits = DEFAULT_DETAIL_LIMITS): InspectDetail {
  return { tree: boundedTree(ctx.fs.root, limits.maxTreeNodes), layerFiles: layerFiles(ctx, limits.maxLayerFiles) };
}
