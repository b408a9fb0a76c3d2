/** What COPY/ADD sources are: build-context paths, heredocs, URLs, git repositories, archives ADD unpacks. */

export function isHeredocSource(source: string): boolean {
  return source.startsWith('<<');
}

export function isUrlSource(source: string): boolean {
  return /^(?:https?|ftp):\/\//i.test(source);
}

/** BuildKit's git detection: git@host:..., git:// and ssh:// URLs, and http(s) URLs of a `.git` repository. */
export function isGitSource(source: string): boolean {
  return /^git@[^:]+:/.test(source) || /^(?:git|ssh):\/\//i.test(source) || /^https?:\/\/[^#]+\.git(?:#.*)?$/i.test(source);
}

/** Extensions of archives ADD extracts (tar, optionally compressed), as in hadolint's list. */
const ARCHIVE = /\.(?:tar|tar\.(?:gz|bz2|xz|zst|lz|lzma|lz4|Z)|tgz|tb2|tbz|tbz2|txz|tzst|tlz|tlzma|tpz|tZ|gz|bz2|xz|zst|lz|lzma|lz4|Z)$/i;

export function isArchiveSource(source: string): boolean {
  return ARCHIVE.test(source.replace(/^["']|["']$/g, ''));
}

/** A path in the build context, as .dockerignore matches it: no leading `./` or `/`, no trailing `/`. */
export function contextPath(source: string): string {
  let p = source.replace(/^["']|["']$/g, '').replace(/\\/g, '/');
  p = p.replace(/^(?:\.?\/)+/, '').replace(/\/+$/, '').replace(/\/\.\//g, '/').replace(/\/{2,}/g, '/');
  return p === '.' ? '' : p;
}
