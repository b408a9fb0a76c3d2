/**
 * The report's `detail` for the HTML page: the final file system by size and each layer's changed paths.
 * Both grow with the image, so both are bounded: the tree keeps the largest nodes (a node only with its parent)
 * and folds the rest of each directory into one `rest` node; the layer lists keep the largest paths.
 */
import type { AnalysisContext } from '../../../analyze/context.js';
import type { FsNode } from '../../../analyze/fs/merged.js';
import type { FileTreeNode, InspectDetail, LayerFileChange, LayerFiles } from '../model.js';

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
  const top: Sized = { node: root, bytes: 0, files: 0, kids: [] };
  const order: Array<{ s: Sized; parent: Sized | null }> = [];
  const stack: Array<{ s: Sized; parent: Sized | null }> = [{ s: top, parent: null }];
  while (stack.length) {
    const item = stack.pop()!;
    order.push(item);
    const n = item.s.node;
    if (n.children) {
      for (const c of n.children.values()) stack.push({ s: { node: c, bytes: 0, files: 0, kids: [] }, parent: item.s });
    } else if (n.entry?.type === 'file') {
      item.s.bytes = n.entry.size;
      item.s.files = 1;
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const { s, parent } = order[i]!;
    if (!parent || s.bytes === 0) continue;
    parent.kids.push(s);
    parent.bytes += s.bytes;
    parent.files += s.files;
  }
  return top;
}

/**
 * The largest `max` nodes of the tree. A child is never bigger than its parent, so "size at least the max-th
 * largest" keeps every kept node's parent too; ties at the threshold are taken in tree order until `max` is reached.
 */
export function boundedTree(root: FsNode, max: number): FileTreeNode {
  const top = sizeTree(root);
  const all: Sized[] = [];
  for (const stack = [...top.kids]; stack.length; ) {
    const s = stack.pop()!;
    all.push(s);
    for (const k of s.kids) stack.push(k);
  }
  let threshold = 0;
  let atThreshold = Infinity;
  if (all.length > max) {
    const sizes = Float64Array.from(all, (s) => s.bytes).sort();
    threshold = max > 0 ? sizes[sizes.length - max]! : Infinity;
    atThreshold = max - all.filter((s) => s.bytes > threshold).length;
  }
  const keep = (s: Sized): boolean => s.bytes > threshold || (s.bytes === threshold && atThreshold-- > 0);
  const toNode = (s: Sized): FileTreeNode => ({
    name: s.node.name || '/',
    sizeBytes: s.bytes,
    files: s.files,
    layer: s.node.children ? -1 : s.node.layer,
    ...(s.node.children ? { children: [] } : {}),
  });
  const out = toNode(top);
  for (const stack: Array<[Sized, FileTreeNode]> = [[top, out]]; stack.length; ) {
    const [s, node] = stack.pop()!;
    const rest = { bytes: 0, files: 0 };
    for (const k of s.kids.sort((a, b) => b.bytes - a.bytes)) {
      if (keep(k)) {
        const child = toNode(k);
        node.children!.push(child);
        if (k.kids.length) stack.push([k, child]);
      } else {
        rest.bytes += k.bytes;
        rest.files += k.files;
      }
    }
    if (rest.bytes > 0) node.children!.push({ name: `${rest.files} smaller files`, sizeBytes: rest.bytes, files: rest.files, layer: -1, rest: true });
  }
  return out;
}

function largest(list: LayerFileChange[], max: number): LayerFileChange[] {
  // A stable sort: equal sizes stay in tar order.
  return list.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, max);
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
 * of it (the merged file system records every hidden copy with bytes) or a lower layer wrote it, otherwise added;
 * directories are left out.
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
  // Empty files never show up as hidden copies, so lower layers' paths are remembered too (a whiteout of the
  // exact path forgets it; one of a parent folder does not, which may call a re-created empty file modified).
  const lower = new Set<string>();
  return ctx.scans.map((scan, L) => {
    const written = new Map<string, number>();
    for (const e of scan.entries) {
      if (e.type === 'whiteout') lower.delete(e.path);
      if (e.type === 'dir' || e.type === 'whiteout' || e.type === 'opaque') continue;
      written.set(e.path, e.size);
    }
    const added: LayerFileChange[] = [];
    const modified: LayerFileChange[] = [];
    for (const [path, sizeBytes] of written) (overwritten[L]!.has(path) || lower.has(path) ? modified : added).push({ path, sizeBytes });
    for (const path of written.keys()) lower.add(path);
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
