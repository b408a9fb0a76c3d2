/**
 * `whittle base` as a function other teams and tests call in-process: spec (file, text or preset) → resolution
 * (fresh from the archive, or exactly the lock file's versions) → verified .debs → layers → image written to
 * the target → lock file and SBOM. Nothing is written to the target unless every step before it succeeded.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../cli/atomic-write.js';
import { ConfigError, InputError } from '../core/errors.js';
import type { Compression } from '../image/types.js';
import { parseWriteTarget, writeImage } from '../image/write/outputs.js';
import type { BuiltImage } from '../image/write/types.js';
import { fetchDebs } from './apt/download.js';
import { lockFromResolutions, readLock, resolutionFromLock, specDigest, writeLock } from './apt/lock.js';
import { loadArchiveIndex } from './apt/index-loader.js';
import { resolvePackages } from './apt/resolve.js';
import { defaultCacheDir, defaultMirror, systemSources } from './apt/sources.js';
import type { AptSource, DebPackage, Resolution } from './apt/types.js';
import { composeImage, type ComposedImage } from './compose-image.js';
import { presetText } from './presets.js';
import { hostArchitecture, parseBaseSpec, requestedPackages, withExtraPackages } from './spec.js';
import type { BaseSpec } from './spec-types.js';

export interface BuildBaseOptions {
  /** Path of a whittle-base.yaml. */
  spec?: string;
  /** A preset name instead of a file (`python3`, `base-debug` ...). */
  preset?: string;
  /** Packages added on top of the spec or preset (`--add libpq5`). */
  add?: string[];
  /** oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG] or a registry reference. */
  output: string;
  /** Lock file; default whittle-base.lock next to the spec (a preset gets one only when asked). */
  lock?: string;
  /** Re-resolve even when the lock file is current. */
  update?: boolean;
  /** Use only cached indexes and .debs. */
  offline?: boolean;
  /** Write a CycloneDX SBOM of the packages inside here. */
  sbom?: string;
  /** Overrides the spec's architectures. */
  architectures?: string[];
  /** .deb and index cache (default $XDG_CACHE_HOME/whittle). */
  cacheDir?: string;
  compression?: Compression;
  /** For registry outputs on loopback or with self-signed certificates. */
  insecure?: boolean;
  /** Seconds since 1970 for every file (else SOURCE_DATE_EPOCH, the spec, then the newest package's build time). */
  sourceDateEpoch?: number;
  /** Progress lines ("resolving amd64", "downloading 12.3 MB" ...). */
  onProgress?: (message: string) => void;
}

export interface BuildBaseLayer {
  architecture: string;
  name: string;
  packages: string[];
  digest: string;
  /** Compressed size in bytes. */
  size: number;
}

export interface BuildBaseResult {
  /** What a client pulls: the manifest digest, or the index digest for several architectures. */
  digest: string;
  target: string;
  packages: { name: string; version: string; architecture: string }[];
  layers: BuildBaseLayer[];
  architectures: string[];
  /** The lock file read or written, and whether this build (re)wrote it. */
  lockFile?: string;
  lockWritten: boolean;
  sbom?: string;
  seconds: number;
}

/** The spec the options name, with --add and --arch applied. */
export async function loadSpec(options: Pick<BuildBaseOptions, 'spec' | 'preset' | 'add' | 'architectures'>): Promise<BaseSpec> {
  if (options.spec !== undefined && options.preset !== undefined) throw new ConfigError('give a spec file or --preset, not both');
  let spec: BaseSpec;
  if (options.preset !== undefined) spec = parseBaseSpec(`preset:${options.preset}`, presetText(options.preset));
  else {
    const file = options.spec ?? 'whittle-base.yaml';
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(err.code === 'ENOENT' ? 'spec file not found' : `cannot read the spec (${err.code ?? err.message})`, file);
    });
    spec = parseBaseSpec(file, text);
  }
  if (options.add?.length) spec = withExtraPackages(spec, options.add);
  if (options.architectures?.length) spec = { ...spec, architectures: [...new Set(options.architectures)] };
  if (spec.architectures.length === 0) spec = { ...spec, architectures: [hostArchitecture()] };
  return spec;
}

/** The spec's sources, else the machine's apt sources for the suite (and its -updates, -security), else the mirror. */
export function specSources(spec: BaseSpec): AptSource[] {
  if (spec.sources.length > 0) return spec.sources;
  const machine = systemSources().filter((s) => s.suite === spec.suite || s.suite.startsWith(`${spec.suite}-`));
  if (machine.length > 0) return machine.map((s) => ({ ...s, components: ['main'] }));
  return [{ url: defaultMirror(), suite: spec.suite, components: ['main'] }];
}

function epochFromEnv(): number | undefined {
  const text = process.env.SOURCE_DATE_EPOCH;
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new ConfigError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not ${JSON.stringify(text)}`);
  return Number(text);
}

/** A cached .deb that does not read: when its checksum is wrong it is removed so the next run downloads it again. */
async function explainBadDeb(err: unknown, debs: Map<string, DebPackage>, files: Map<string, string>): Promise<never> {
  if (err instanceof InputError && err.file) {
    const name = [...files.entries()].find(([, f]) => f === err.file)?.[0];
    const pkg = name ? debs.get(name) : undefined;
    if (pkg) {
      const actual = createHash('sha256').update(await readFile(err.file)).digest('hex');
      if (actual !== pkg.sha256) {
        await unlink(err.file).catch(() => {});
        throw new InputError(`${pkg.name} ${pkg.version}: the cached .deb is corrupt (SHA-256 ${actual.slice(0, 12)}… instead of ${pkg.sha256.slice(0, 12)}…); removed it, run again to download it`, err.file);
      }
    }
  }
  throw err;
}

export async function buildBase(options: BuildBaseOptions): Promise<BuildBaseResult> {
  const started = process.hrtime.bigint();
  const say = options.onProgress ?? (() => {});
  // Check the output before any download, so a typo costs nothing.
  parseWriteTarget(options.output);
  const spec = await loadSpec(options);
  const sources = specSources(spec);
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  const lockFile = options.lock ?? (options.preset === undefined ? join(dirname(resolve(spec.file)), 'whittle-base.lock') : undefined);
  const digest = specDigest({ sources, packages: requestedPackages(spec), exclude: spec.exclude, includeEssential: spec.includeEssential, architectures: spec.architectures });
  const lock = lockFile && !options.update ? await readLock(lockFile) : null;
  const lockCurrent = lock !== null && lock.specDigest === digest && spec.architectures.every((a) => lock.architectures[a] !== undefined);
  if (lock && !lockCurrent && options.offline) throw new ConfigError('the lock file does not match the spec (it changed); run without --offline to resolve again', lockFile);
  const mtime = options.sourceDateEpoch ?? epochFromEnv() ?? spec.sourceDateEpoch;

  const workDir = await mkdtemp(join(tmpdir(), 'whittle-base-'));
  try {
    const composed: ComposedImage[] = [];
    const resolutions: Resolution[] = [];
    for (const architecture of spec.architectures) {
      let resolution: Resolution;
      if (lockCurrent) {
        // Exactly the locked versions; the .debs themselves carry the control data the image needs.
        resolution = resolutionFromLock(lock, architecture);
        say(`${architecture}: ${resolution.packages.length} packages from ${lockFile}`);
      } else {
        say(`${architecture}: reading the package index of ${sources.map((s) => `${s.url} ${s.suite}`).join(', ')}`);
        const index = await loadArchiveIndex({ sources, architecture, cacheDir, offline: options.offline });
        resolution = resolvePackages(index, { packages: requestedPackages(spec), exclude: spec.exclude, includeEssential: spec.includeEssential });
        say(`${architecture}: resolved ${resolution.packages.length} packages`);
      }
      resolutions.push(resolution);
      const packages = resolution.packages;
      const bytes = packages.reduce((s, p) => s + p.size, 0);
      say(`${architecture}: fetching ${packages.length} .debs (${(bytes / 1e6).toFixed(1)} MB, cached ones are reused)`);
      const files = options.offline ? await cachedDebs(packages, cacheDir) : await fetchDebs(packages, { cacheDir });
      const byName = new Map(packages.map((p) => [p.name, p]));
      const image = await composeImage({
        spec,
        architecture,
        debs: packages.map((p) => ({ name: p.name, file: files.get(p.name)! })),
        workDir: join(workDir, architecture),
        ...(mtime !== undefined ? { mtime } : {}),
        compression: options.compression ?? 'gzip',
      }).catch((err: unknown) => explainBadDeb(err, byName, files));
      composed.push(image);
    }

    say(`writing ${options.output}`);
    const images: BuiltImage[] = composed.map((c) => c.image);
    const written = await writeImage(options.output, images, { insecure: options.insecure });

    let lockWritten = false;
    if (lockFile && !lockCurrent) {
      await writeLock(lockFile, lockFromResolutions(digest, resolutions));
      lockWritten = true;
    }
    let sbom: string | undefined;
    if (options.sbom) {
      const { sbomOfImage } = await import('./sbom.js');
      await writeFileAtomic(options.sbom, await sbomOfImage(options.output, options.insecure));
      sbom = options.sbom;
    }
    return {
      digest: written.digest,
      target: written.target,
      architectures: spec.architectures,
      packages: composed.flatMap((c) => c.packages.map((p) => ({ name: p.name, version: p.version, architecture: p.architecture }))),
      layers: composed.flatMap((c) => c.layers.map((l) => ({ architecture: c.architecture, name: l.name, packages: l.packages, digest: l.layer.digest, size: l.layer.size }))),
      ...(lockFile ? { lockFile } : {}),
      lockWritten,
      ...(sbom ? { sbom } : {}),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * --offline: the .debs must already be in the cache (fetchDebs would go to the network for a missing one), and
 * each is re-hashed: a damaged entry is removed and named, as fetchDebs would fetch it again online.
 */
async function cachedDebs(packages: DebPackage[], cacheDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const p of packages) {
    const file = join(cacheDir, 'debs', `${p.sha256}.deb`);
    if (!existsSync(file)) throw new InputError(`${p.name} ${p.version} is not in the cache (${cacheDir}); run once without --offline`);
    const actual = createHash('sha256').update(await readFile(file)).digest('hex');
    if (actual !== p.sha256) {
      await unlink(file).catch(() => {});
      throw new InputError(`${p.name} ${p.version}: the cached .deb is corrupt (SHA-256 ${actual.slice(0, 12)}… instead of ${p.sha256.slice(0, 12)}…); removed it, run without --offline to download it again`, file);
    }
    out.set(p.name, file);
  }
  return out;
}
