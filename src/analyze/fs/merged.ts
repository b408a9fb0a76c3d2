/**
 * The merged file system of an image, built from the pass's entry tables with the OCI layer rules:
 * - a layer's whiteouts (`.wh.NAME`) and opaque markers (`.wh..wh..opq`) apply to the layers below it only, so
 *   they are applied first, then the layer's entries in tar order;
 * - a whiteout of a directory removes everything below it; an opaque marker hides every lower child;
 * - a file replacing a directory hides the whole subtree, a directory replacing a file hides the file;
 * - a parent that is not a directory (a file or a symlink from a lower layer) becomes a directory, as overlayfs
 *   shows it when a layer writes below it;
 * - the same path twice in one layer: the later entry wins.
 * Every copy of file bytes that ends up hidden is recorded: those bytes still ship in the layer that holds them.
 */
import type { LayerEntry, LayerScan } from '../pass/types.js';

export interface FsNode {
  name: string;
  parent: FsNode | null;
  /** The entry that made this path, null for directories only implied by their children. */
  entry: LayerEntry | null;
  /** Layer that wrote `entry` (for implied directories: the first layer that wrote below them; -1 for the root). */
  layer: number;
  children: Map<string, FsNode> | null;
  /** No longer in the tree (hidden by a later entry). */
  removed?: boolean;
  /** A hardlink whose target path was hidden: the content it shares, in bytes, is now visible through it. */
  carries?: number;
  /** The path whose content `carries` counts (named when the bytes end up hidden after all). */
  carriesFrom?: string;
}

export type HiddenHow = 'overwritten' | 'deleted' | 'opaque' | 'replaced';

/** A copy of a file's bytes shipped in `layer` and not visible in the final file system. */
export interface HiddenFile {
  path: string;
  size: number;
  layer: number;
  hiddenBy: number;
  how: HiddenHow;
}

export interface LayerChanges {
  added: number;
  modified: number;
  removed: number;
  addedBytes: number;
  modifiedBytes: number;
  /** Bytes of lower-layer files this layer deleted (they still ship below). */
  removedBytes: number;
  /** Bytes of regular file content this layer ships. */
  fileBytes: number;
  /** Of `fileBytes`, what later layers (or later entries of this layer) hide. */
  hiddenBytes: number;
}

/** An entry written below a path that a lower layer made a symlink (overlayfs shows a directory there). */
export interface ThroughSymlink {
  path: string;
  layer: number;
  symlink: string;
  target: string;
}

export interface MergedFs {
  root: FsNode;
  hidden: HiddenFile[];
  changes: LayerChanges[];
  throughSymlinks: ThroughSymlink[];
}

function newDir(name: string, parent: FsNode | null, layer: number): FsNode {
  return { name, parent, entry: null, layer, children: new Map() };
}

export function nodePath(node: FsNode): string {
  if (node.entry) return node.entry.path;
  const parts: string[] = [];
  for (let n: FsNode | null = node; n && n.parent; n = n.parent) parts.push(n.name);
  return '/' + parts.reverse().join('/');
}

function isDir(node: FsNode): boolean {
  return node.children !== null;
}

function split(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

export function lookup(root: FsNode, path: string): FsNode | null {
  let node: FsNode | undefined = root;
  for (const part of split(path)) {
    node = node.children?.get(part);
    if (!node) return null;
  }
  return node;
}

/** Visits every node below `node` (and `node` itself), depth first. */
export function walk(node: FsNode, visit: (n: FsNode) => void): void {
  const stack: FsNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if (n.children) for (const c of n.children.values()) stack.push(c);
  }
}

export function buildMergedFs(scans: readonly LayerScan[]): MergedFs {
  const root = newDir('', null, -1);
  const hidden: HiddenFile[] = [];
  const changes: LayerChanges[] = [];
  const throughSymlinks: ThroughSymlink[] = [];

  /** Records every shipped file below (and at) `node` as hidden by layer `by`; returns files and bytes. */
  // Hardlinks by the layer and path of their target: hiding a file another visible path still links to hides
  // no bytes; the link carries them from then on.
  const hardlinks = new Map<string, FsNode[]>();
  const hide = (node: FsNode, by: number, how: HiddenHow): { files: number; bytes: number } => {
    let files = 0;
    let bytes = 0;
    const gone: FsNode[] = [];
    walk(node, (n) => {
      n.removed = true;
      gone.push(n);
    });
    for (const n of gone) {
      if (!n.entry || n.entry.type === 'dir') continue;
      files++;
      const size = n.entry.type === 'file' ? n.entry.size : (n.carries ?? 0);
      bytes += size;
      if (size === 0) continue;
      const target = n.entry.type === 'file' ? n.entry.path : n.entry.link;
      const heir = hardlinks.get(`${n.layer}\0${target}`)?.find((l) => !l.removed);
      const from = n.entry.type === 'file' ? n.entry.path : (n.carriesFrom ?? n.entry.path);
      if (heir) {
        heir.carries = size;
        heir.carriesFrom = from;
        continue;
      }
      hidden.push({ path: from, size, layer: n.layer, hiddenBy: by, how });
      changes[n.layer]!.hiddenBytes += size;
    }
    return { files, bytes };
  };

  for (const scan of scans) {
    const L = scan.index;
    const ch: LayerChanges = { added: 0, modified: 0, removed: 0, addedBytes: 0, modifiedBytes: 0, removedBytes: 0, fileBytes: 0, hiddenBytes: 0 };
    changes[L] = ch;

    // 1. Whiteouts and opaque markers act on the layers below only.
    for (const e of scan.entries) {
      if (e.type !== 'whiteout' && e.type !== 'opaque') continue;
      const node = lookup(root, e.path);
      if (!node || (node === root && e.type === 'whiteout')) continue;
      if (e.type === 'whiteout') {
        const { files, bytes } = hide(node, L, 'deleted');
        node.parent!.children!.delete(node.name);
        ch.removed += files;
        ch.removedBytes += bytes;
      } else if (node.children) {
        for (const child of [...node.children.values()]) {
          const { files, bytes } = hide(child, L, 'opaque');
          ch.removed += files;
          ch.removedBytes += bytes;
        }
        node.children.clear();
      }
    }

    // 2. The layer's own entries, in tar order.
    for (const e of scan.entries) {
      if (e.type === 'whiteout' || e.type === 'opaque') continue;
      if (e.type === 'file') ch.fileBytes += e.size;
      const parts = split(e.path);
      let dir = root;
      for (let i = 0; i < parts.length - 1; i++) {
        const name = parts[i]!;
        let next = dir.children!.get(name);
        if (next && !isDir(next)) {
          if (next.entry?.type === 'symlink') throughSymlinks.push({ path: e.path, layer: L, symlink: next.entry.path, target: next.entry.link ?? '' });
          hide(next, L, 'replaced');
          dir.children!.delete(name);
          next = undefined;
        }
        if (!next) {
          next = newDir(name, dir, L);
          dir.children!.set(name, next);
        }
        dir = next;
      }
      const name = parts[parts.length - 1]!;
      const existing = dir.children!.get(name);
      const fromBelow = existing !== undefined && existing.layer < L;
      if (e.type === 'dir' && existing && isDir(existing)) {
        // A directory entry over a directory changes its metadata only; its children stay.
        existing.entry = e;
        existing.layer = L;
        if (fromBelow) ch.modified++;
        continue;
      }
      if (existing) hide(existing, L, existing.layer === L ? 'overwritten' : isDir(existing) !== (e.type === 'dir') ? 'replaced' : 'overwritten');
      const added: FsNode = { name, parent: dir, entry: e, layer: L, children: e.type === 'dir' ? new Map() : null };
      dir.children!.set(name, added);
      if (e.type === 'hardlink' && e.link) {
        const key = `${L}\0${e.link}`;
        const list = hardlinks.get(key);
        if (list) list.push(added);
        else hardlinks.set(key, [added]);
      }
      if (existing && fromBelow) {
        ch.modified++;
        ch.modifiedBytes += e.size;
      } else if (!existing || existing.entry === null) {
        ch.added++;
        ch.addedBytes += e.size;
      }
    }
  }
  return { root, hidden, changes, throughSymlinks };
}

/** Every visible node that came from an entry (implied directories left out), with its path. */
export function* visibleEntries(fs: MergedFs): Generator<{ entry: LayerEntry; layer: number; carries: number }> {
  const stack: FsNode[] = [fs.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.entry) yield { entry: n.entry, layer: n.layer, carries: n.carries ?? 0 };
    if (n.children) for (const c of n.children.values()) stack.push(c);
  }
}
