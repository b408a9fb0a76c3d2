/**
 * Package contents to layer contents, as pure functions: what is dropped (docs but their copyright files, man,
 * info, locales, lintian overrides), the merged-/usr layout, and which entry wins when two name one path.
 */
import type { LayerEntry } from '../image/write/types.js';
import type { KeepKind } from './spec-types.js';

/** Top-level folders a merged-/usr system has as symlinks into usr/ (bookworm's usrmerge does it in maintainer scripts). */
export const MERGED_DIRS = ['bin', 'lib', 'lib32', 'lib64', 'libx32', 'sbin'] as const;
/** The symlinks every image gets, as distroless has them. */
export const ALWAYS_LINKED = ['bin', 'lib', 'lib64', 'sbin'] as const;

/** Whether composition drops a path (relative, `usr/share/doc/x/README`) under the spec's `keep` list. */
export function isDropped(path: string, keep: readonly KeepKind[]): boolean {
  if (path.startsWith('usr/share/doc/') && !keep.includes('docs')) {
    // Copyright files stay (licences), and the package folders that hold them.
    const rest = path.slice('usr/share/doc/'.length);
    const parts = rest.split('/');
    return !(parts.length === 1 || (parts.length === 2 && parts[1] === 'copyright'));
  }
  if ((path === 'usr/share/man' || path.startsWith('usr/share/man/')) && !keep.includes('man')) return true;
  if ((path === 'usr/share/info' || path.startsWith('usr/share/info/')) && !keep.includes('info')) return true;
  if ((path === 'usr/share/locale' || path.startsWith('usr/share/locale/')) && !keep.includes('locales')) return true;
  if ((path === 'usr/share/lintian' || path.startsWith('usr/share/lintian/')) && !keep.includes('lintian')) return true;
  return false;
}

/** `lib/x` → `usr/lib/x`; the merged folders themselves map to null (they become symlinks). */
export function mergedUsrPath(path: string): string | null {
  const top = path.split('/', 1)[0]!;
  if (!(MERGED_DIRS as readonly string[]).includes(top)) return path;
  if (path === top) return null;
  return `usr/${path}`;
}

/** A relative symlink target resolved against its link's folder, as an absolute path. */
export function absoluteTarget(linkPath: string, target: string): string {
  const stack = linkPath.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') stack.pop();
    else stack.push(part);
  }
  return '/' + stack.join('/');
}

/**
 * One package's entries on a merged-/usr system: `bin/`, `lib/` ... content moves under usr/, hardlink targets
 * follow, and a moved relative symlink that climbs with `..` is made absolute (its meaning would change otherwise).
 */
export function toMergedUsr(entries: readonly LayerEntry[]): LayerEntry[] {
  const out: LayerEntry[] = [];
  for (const entry of entries) {
    const path = mergedUsrPath(entry.path);
    if (path === null) continue;
    if (path === entry.path) {
      out.push(entry.type === 'hardlink' && entry.linkTarget ? { ...entry, linkTarget: mergedUsrPath(entry.linkTarget) ?? entry.linkTarget } : entry);
      continue;
    }
    let linkTarget = entry.linkTarget;
    if (entry.type === 'hardlink' && linkTarget) linkTarget = mergedUsrPath(linkTarget) ?? linkTarget;
    if (entry.type === 'symlink' && linkTarget && !linkTarget.startsWith('/') && linkTarget.split('/').includes('..')) {
      linkTarget = absoluteTarget(entry.path, linkTarget);
    }
    out.push({ ...entry, path, ...(linkTarget !== undefined ? { linkTarget } : {}) });
  }
  return out;
}

/** Drops what the spec does not keep; hardlinks to a dropped file go too. */
export function dropUnwanted(entries: readonly LayerEntry[], keep: readonly KeepKind[]): LayerEntry[] {
  const dropped = new Set<string>();
  const out: LayerEntry[] = [];
  for (const e of entries) {
    if (isDropped(e.path, keep) || (e.type === 'hardlink' && e.linkTarget !== undefined && dropped.has(e.linkTarget))) {
      dropped.add(e.path);
      continue;
    }
    out.push(e);
  }
  return out;
}

const rank = (e: LayerEntry): number => (e.type === 'directory' ? 0 : e.type === 'symlink' ? 1 : 2);

/**
 * One entry per path. A directory named twice keeps its first entry; otherwise a real file beats a symlink (a
 * usrmerge compat link such as usr/bin/x -> /bin/x must not replace the file it points at), and among equals the
 * later entry wins, so generated files (passed last) replace what packages ship.
 */
export function dedupe(entries: readonly LayerEntry[]): LayerEntry[] {
  const byPath = new Map<string, LayerEntry>();
  for (const e of entries) {
    const prev = byPath.get(e.path);
    if (prev === undefined) byPath.set(e.path, e);
    else if (prev.type === 'directory' && e.type === 'directory') continue;
    else if (rank(e) >= rank(prev) || e.type === 'directory') byPath.set(e.path, e);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
