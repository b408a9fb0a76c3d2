/**
 * dive's efficiency score, computed the way dive computes it (wagoodman/dive, dive/filetree/efficiency.go), so
 * users comparing the two tools see the same number:
 * - each layer is a tree of its own tar entries; its leaves are visited (a path with no entry below it in that layer);
 * - a leaf's size is its tar size; a whiteout's size is the size of everything it deletes when it deletes a
 *   directory (looked up in the layers below, stacked the dive way: opaque markers ignored), 0 when it deletes a file;
 * - efficiency = Σ over paths of the smallest size seen / Σ over paths of every size seen (1 when nothing);
 * - dive's wasted bytes = Σ of the sizes of every path seen in two or more layers (the kept copy included);
 * - dive's userWastedPercent = wasted / the sizes of all layers but the first.
 * Known dive quirks kept on purpose: opaque directories are ignored, a file replacing a directory keeps the
 * directory's children in the stacked tree.
 */
import type { LayerScan } from './pass/types.js';

interface DiveNode {
  size: number;
  /** From the tar header (dive's FileInfo.IsDir): false for directories only implied by their children. */
  dir: boolean;
  children: Map<string, DiveNode> | null;
}

export interface DiveEfficiency {
  efficiency: number;
  wastedBytes: number;
  userWastedPercent: number;
  /** Paths seen in two or more layers, largest cumulative size first. */
  inefficientPaths: Array<{ path: string; cumulativeBytes: number; layers: number }>;
}

function parts(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

function getNode(root: DiveNode, path: string): DiveNode | null {
  let n: DiveNode | undefined = root;
  for (const p of parts(path)) {
    n = n.children?.get(p);
    if (!n) return null;
  }
  return n;
}

function subtreeSize(node: DiveNode): number {
  let total = 0;
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    total += n.size;
    if (n.children) for (const c of n.children.values()) stack.push(c);
  }
  return total;
}

export function diveEfficiency(scans: readonly LayerScan[]): DiveEfficiency {
  const stacked: DiveNode = { size: 0, dir: true, children: new Map() };
  const perPath = new Map<string, { cumulative: number; min: number; count: number }>();
  const layerSizes: number[] = [];

  for (const scan of scans) {
    // The layer's own tree: one node per path (the last entry wins), whiteouts as nodes of their own.
    const own = new Map<string, { size: number; whiteout: boolean }>();
    const hasChild = new Set<string>();
    let layerSize = 0;
    for (const e of scan.entries) {
      if (e.type === 'opaque') {
        // dive creates the directory in the layer's tree and stops at the marker.
        if (!own.has(e.path) && e.path !== '/') own.set(e.path, { size: 0, whiteout: false });
        markParents(e.path, hasChild);
        continue;
      }
      layerSize += e.size;
      own.set(e.path, { size: e.size, whiteout: e.type === 'whiteout' });
      markParents(e.path, hasChild);
    }
    for (const [path, node] of own) {
      if (hasChild.has(path)) continue;
      let size = node.size;
      if (node.whiteout) {
        const previous = getNode(stacked, path);
        size = previous && previous.dir ? subtreeSize(previous) : 0;
      }
      const data = perPath.get(path);
      if (!data) perPath.set(path, { cumulative: size, min: size, count: 1 });
      else {
        data.cumulative += size;
        data.min = Math.min(data.min, size);
        data.count++;
      }
    }
    layerSizes.push(layerSize);
    // Stack the layer the dive way (whiteouts remove, everything else adds or updates in place).
    for (const e of scan.entries) {
      if (e.type === 'opaque') continue;
      if (e.type === 'whiteout') removePath(stacked, e.path);
      else addPath(stacked, e.path, e.size, e.type === 'dir');
    }
  }

  let minimum = 0;
  let discovered = 0;
  let wasted = 0;
  const inefficient: DiveEfficiency['inefficientPaths'] = [];
  for (const [path, d] of perPath) {
    minimum += d.min;
    discovered += d.cumulative;
    if (d.count >= 2) {
      wasted += d.cumulative;
      inefficient.push({ path, cumulativeBytes: d.cumulative, layers: d.count });
    }
  }
  inefficient.sort((a, b) => b.cumulativeBytes - a.cumulativeBytes || a.path.localeCompare(b.path));
  const userSize = layerSizes.slice(1).reduce((s, n) => s + n, 0);
  return {
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    wastedBytes: wasted,
    userWastedPercent: userSize === 0 ? 0 : wasted / userSize,
    inefficientPaths: inefficient,
  };
}

function markParents(path: string, hasChild: Set<string>): void {
  let p = path;
  for (;;) {
    const i = p.lastIndexOf('/');
    if (i <= 0) return;
    p = p.slice(0, i);
    if (hasChild.has(p)) return;
    hasChild.add(p);
  }
}

function addPath(root: DiveNode, path: string, size: number, dir: boolean): void {
  let n = root;
  for (const p of parts(path)) {
    n.children ??= new Map();
    let next = n.children.get(p);
    if (!next) {
      next = { size: 0, dir: false, children: null };
      n.children.set(p, next);
    }
    n = next;
  }
  n.size = size;
  n.dir = dir;
}

function removePath(root: DiveNode, path: string): void {
  const ps = parts(path);
  const parent = getNode(root, '/' + ps.slice(0, -1).join('/'));
  parent?.children?.delete(ps[ps.length - 1]!);
}
