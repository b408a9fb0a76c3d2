/**
 * The Debian archive as `whittle base` sees it: sources, the package index, a resolution, the lock file.
 * Contract between the apt side (src/base/apt/: fetch and verify the index, resolve, download) and the
 * composer (src/base/: spec, layers, CLI). Functions, by file:
 *   src/base/apt/index-loader.ts  loadArchiveIndex(options: LoadIndexOptions): Promise<ArchiveIndex>
 *   src/base/apt/resolve.ts       resolvePackages(index: ArchiveIndex, request: ResolveRequest): Resolution
 *   src/base/apt/download.ts      fetchDebs(packages: DebPackage[], options: FetchOptions): Promise<Map<string, string>>
 *                                 (package name to the path of its verified .deb in the cache)
 *   src/base/apt/lock.ts          readLock(path): Promise<BaseLock | null>; writeLock(path, lock): Promise<void>;
 *                                 specDigest(inputs): string; lockFromResolutions(digest, resolutions): BaseLock;
 *                                 resolutionFromLock(lock, architecture, index?): Resolution (with the index, each
 *                                 pin is checked against the archive and gets its full stanza)
 *   src/base/apt/sources.ts       systemSources(), defaultMirror(), defaultCacheDir()
 *   src/base/apt/version.ts       compareVersions(a, b): number (dpkg's ordering); satisfiesVersion(v, op, ref)
 * Errors the user can cause (unreachable archive, checksum mismatch, missing package) are InputError with one
 * clear line; nothing is written outside the cache, and cache entries appear only once verified.
 */

/** One archive to read packages from (a `deb` line of sources.list). */
export interface AptSource {
  /** `http://deb.debian.org/debian` */
  url: string;
  /** `bookworm`, `bookworm-updates` ... */
  suite: string;
  /** `main` ... */
  components: string[];
}

/** One binary package stanza of a `Packages` index. */
export interface DebPackage {
  name: string;
  version: string;
  architecture: string;
  /** Full URL of the .deb (source url + Filename). */
  url: string;
  /** Size of the .deb in bytes and its SHA-256 (hex), from the index. */
  size: number;
  sha256: string;
  /** Raw relationship fields ('' when absent). */
  depends: string;
  preDepends: string;
  provides: string;
  essential: boolean;
  priority?: string;
  section?: string;
  /** Source package name (and version when it differs): `Source: openssl (3.0.11-1)`. */
  source?: string;
  multiArch?: string;
  /** KiB, as dpkg counts. */
  installedSize?: number;
  /** Every field of the stanza in order, for the dpkg status database the image carries. */
  fields: [string, string][];
}

/** The merged package index of all sources for one architecture (plus `all`). */
export interface ArchiveIndex {
  architecture: string;
  packages: DebPackage[];
  /** How each source's index was verified: 'signature' (InRelease/Release.gpg by a trusted key) or 'checksum' only. */
  verification: { source: AptSource; method: 'signature' | 'checksum'; signedBy?: string; date?: string }[];
}

export interface LoadIndexOptions {
  sources: AptSource[];
  architecture: string;
  /** Folder for cached indexes and .debs (default: $XDG_CACHE_HOME/whittle or ~/.cache/whittle). */
  cacheDir: string;
  /** OpenPGP keyring(s) that sign the archive (default: /usr/share/keyrings/debian-archive-keyring.gpg when present). */
  keyrings?: string[];
  /** Reuse a cached index without asking the archive (for --offline and lock-file builds). */
  offline?: boolean;
}

export interface ResolveRequest {
  /** Package names, optionally with a version constraint: `python3`, `libc6 (>= 2.36)`. */
  packages: string[];
  /** Never install these (and do not fail when something depends on them). */
  exclude?: string[];
  /** Add the archive's Essential: yes packages too (distroless does not). Default false. */
  includeEssential?: boolean;
}

export interface Resolution {
  architecture: string;
  /** The closure, sorted by name, one version each. */
  packages: DebPackage[];
  /** For each package, who pulled it in first: 'requested', 'essential' (includeEssential) or the depending package's name. */
  requiredBy: Record<string, string>;
  /** Dependencies left out on purpose: excluded by the spec, or Essential while includeEssential is off. */
  omitted?: { name: string; requiredBy: string; reason: 'excluded' | 'essential' }[];
}

export interface FetchOptions {
  cacheDir: string;
  /** Parallel downloads (default 6). */
  concurrency?: number;
  /** Progress callback: bytes done and total. */
  onProgress?: (done: number, total: number) => void;
}

/** `whittle-base.lock`: every package pinned, per architecture. YAML on disk, sorted, stable. */
export interface BaseLock {
  version: 1;
  /** SHA-256 of the spec's resolution inputs (sources, packages, excludes), to tell a stale lock. */
  specDigest: string;
  architectures: Record<string, { name: string; version: string; url: string; size: number; sha256: string }[]>;
}
