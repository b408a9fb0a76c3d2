/**
 * Tar member names to absolute image paths, the way tar and container runtimes read them: leading `./` and `/`
 * are dropped, `.` components vanish, `..` is resolved, and a `..` that climbs above the root is refused.
 */

/** Normalises a member name; returns null when it escapes the root. `''`, `.` and `./` give `/`. */
export function normalizeMemberPath(name: string): string | null {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return '/' + out.join('/');
}

/** Resolves a symlink target against the link's directory; null when it climbs above the root. */
export function resolveSymlinkTarget(linkPath: string, target: string): string | null {
  if (target.startsWith('/')) return normalizeMemberPath(target);
  const dir = linkPath.slice(0, linkPath.lastIndexOf('/'));
  return normalizeMemberPath(dir + '/' + target);
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
