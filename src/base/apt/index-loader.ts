/**
 * Loads the package index of each source: InRelease (or Release + Release.gpg) verified with the archive
 * keyring, then each component's Packages file checked against the SHA-256 the signed Release lists.
 * Verified files are cached under cacheDir/indexes/ (Packages by their SHA-256, so a cache entry can only
 * ever hold the bytes it is named after), which also serves --offline builds.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../cli/atomic-write.js';
import { ConfigError, InputError } from '../../core/errors.js';
import { decompressIndex, hasXz, type IndexCompression } from './decompress.js';
import { clearsignedText, verifyRelease } from './gpgv.js';
import { HttpStatusError, httpGetBytes, redact } from './http.js';
import { parsePackagesIndex } from './packages-index.js';
import { parseRelease, type ReleaseFile } from './release.js';
import type { AptSource, ArchiveIndex, DebPackage, LoadIndexOptions } from './types.js';

export const DEFAULT_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

type Verification = ArchiveIndex['verification'][number];

interface CachedRelease {
  url: string;
  suite: string;
  method: 'signature' | 'checksum';
  signedBy?: string;
  text: string;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export async function loadArchiveIndex(options: LoadIndexOptions): Promise<ArchiveIndex> {
  if (options.sources.length === 0) throw new ConfigError('no apt sources to read packages from');
  const keyrings = options.keyrings ?? (existsSync(DEFAULT_KEYRING) ? [DEFAULT_KEYRING] : []);
  for (const keyring of keyrings) if (!existsSync(keyring)) throw new ConfigError(`keyring ${keyring} does not exist`);
  const indexDir = join(options.cacheDir, 'indexes');
  await mkdir(join(indexDir, 'releases'), { recursive: true });
  const loaded = await Promise.all(options.sources.map((source) => loadSource(source, options, keyrings, indexDir)));
  return {
    architecture: options.architecture,
    packages: loaded.flatMap((l) => l.packages),
    verification: loaded.map((l) => l.verification),
  };
}

async function loadSource(
  source: AptSource,
  options: LoadIndexOptions,
  keyrings: string[],
  indexDir: string,
): Promise<{ packages: DebPackage[]; verification: Verification }> {
  if (source.suite.endsWith('/')) throw new ConfigError(`${source.url} ${source.suite}: flat repositories are not supported`);
  const base = source.url.replace(/\/+$/, '');
  const releasePath = join(indexDir, 'releases', `${sha256(`${base} ${source.suite}`).slice(0, 32)}.json`);
  let cached: CachedRelease;
  if (options.offline) {
    const text = await readFile(releasePath, 'utf8').catch(() => null);
    if (text === null) throw new InputError(`no cached index for ${redact(base)} ${source.suite}: run once without --offline`);
    try {
      cached = JSON.parse(text) as CachedRelease;
    } catch {
      throw new InputError(`cached index for ${redact(base)} ${source.suite} is damaged (${releasePath}): run once without --offline`);
    }
  } else {
    cached = await fetchRelease(base, source.suite, keyrings);
    await writeFileAtomic(releasePath, JSON.stringify(cached));
  }
  const releaseName = `${redact(base)}/dists/${source.suite}/Release`;
  const release = parseRelease(cached.text, releaseName);
  checkSuite(release, source.suite, releaseName);
  if (!options.offline && cached.method === 'signature') checkValidUntil(release, releaseName);
  const packages: DebPackage[] = [];
  for (const component of source.components) {
    const text = await loadPackagesFile(base, source, component, options, release, indexDir);
    packages.push(...parsePackagesIndex(text, base, `${redact(base)}/dists/${source.suite}/${component}/binary-${options.architecture}/Packages`));
  }
  const verification: Verification = { source, method: cached.method };
  if (cached.signedBy) verification.signedBy = cached.signedBy;
  if (release.date) verification.date = release.date;
  return { packages, verification };
}

async function fetchRelease(base: string, suite: string, keyrings: string[]): Promise<CachedRelease> {
  const dists = `${base}/dists/${suite}`;
  let inRelease: Buffer | null = null;
  try {
    inRelease = await httpGetBytes(`${dists}/InRelease`);
  } catch (err) {
    if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
  }
  if (inRelease) {
    if (keyrings.length === 0) return { url: base, suite, method: 'checksum', text: clearsignedText(inRelease.toString('utf8'), `${redact(dists)}/InRelease`) };
    const verified = await verifyRelease(inRelease, undefined, keyrings, `${redact(dists)}/InRelease`);
    return { url: base, suite, method: 'signature', signedBy: verified.signedBy, text: verified.text };
  }
  let release: Buffer;
  try {
    release = await httpGetBytes(`${dists}/Release`);
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) {
      throw new InputError(`${redact(base)} has no suite ${suite} (HTTP 404 for dists/${suite}/InRelease and Release)`);
    }
    throw err;
  }
  if (keyrings.length === 0) return { url: base, suite, method: 'checksum', text: release.toString('utf8') };
  const signature = await httpGetBytes(`${dists}/Release.gpg`);
  const verified = await verifyRelease(release, signature, keyrings, `${redact(dists)}/Release`);
  return { url: base, suite, method: 'signature', signedBy: verified.signedBy, text: verified.text };
}

/**
 * A correctly signed Release of another suite (an old one, with known holes) must not stand in for the one
 * asked for; apt checks the same. The suite matches by its Suite or its Codename.
 */
function checkSuite(release: ReleaseFile, suite: string, name: string): void {
  if (release.suite === undefined && release.codename === undefined) return;
  if (release.suite === suite || release.codename === suite) return;
  throw new InputError(`${name} is for suite ${release.suite ?? '?'} (codename ${release.codename ?? '?'}), not ${suite}`);
}

/** apt refuses a Release past its Valid-Until (a replayed old index); so does whittle when online. */
function checkValidUntil(release: ReleaseFile, name: string): void {
  if (!release.validUntil) return;
  const until = Date.parse(release.validUntil);
  if (!Number.isNaN(until) && until < Date.now()) throw new InputError(`${name}: expired on ${release.validUntil} (Valid-Until); the mirror is stale`);
}

async function loadPackagesFile(
  base: string,
  source: AptSource,
  component: string,
  options: LoadIndexOptions,
  release: ReleaseFile,
  indexDir: string,
): Promise<string> {
  const dir = `${component}/binary-${options.architecture}`;
  const choices: [string, IndexCompression][] = [
    ...(hasXz() ? [[`${dir}/Packages.xz`, 'xz'] as [string, IndexCompression]] : []),
    [`${dir}/Packages.gz`, 'gz'],
    [`${dir}/Packages`, 'none'],
  ];
  const choice = choices.find(([path]) => release.sha256.has(path));
  if (!choice) {
    throw new InputError(
      `${redact(base)} ${source.suite} lists no ${dir}/Packages (architectures: ${release.architectures.join(' ') || '?'}; components: ${release.components.join(' ') || '?'})`,
    );
  }
  const [path, compression] = choice;
  const expected = release.sha256.get(path)!;
  const cachePath = join(indexDir, `${expected.sha256}.Packages`);
  const hit = await readFile(cachePath, 'utf8').catch(() => null);
  if (hit !== null) return hit;
  const url = `${base}/dists/${source.suite}/${path}`;
  if (options.offline) throw new InputError(`no cached copy of ${redact(url)}: run once without --offline`);
  const data = await fetchIndexFile(url, release.acquireByHash ? `${base}/dists/${source.suite}/${dir}/by-hash/SHA256/${expected.sha256}` : null);
  if (data.length !== expected.size) throw new InputError(`${redact(url)}: ${data.length} bytes, Release says ${expected.size} (truncated or changed)`);
  const actual = sha256(data);
  if (actual !== expected.sha256) throw new InputError(`${redact(url)}: SHA-256 ${actual} does not match Release (${expected.sha256})`);
  const plain = await decompressIndex(data, compression, redact(url));
  // Release also lists the uncompressed file: checking it too catches a decompressor that went wrong.
  const uncompressed = release.sha256.get(`${dir}/Packages`);
  if (uncompressed && compression !== 'none' && (plain.length !== uncompressed.size || sha256(plain) !== uncompressed.sha256)) {
    throw new InputError(`${redact(url)}: decompressed contents do not match the Packages checksum in Release`);
  }
  const text = plain.toString('utf8');
  await writeFileAtomic(cachePath, text);
  return text;
}

/**
 * An index file, by its hash first when the archive offers that (apt does the same): a mirror that updates
 * between our InRelease and this request still serves the file our Release names. Falls back on a 404.
 */
async function fetchIndexFile(url: string, byHashUrl: string | null): Promise<Buffer> {
  if (byHashUrl) {
    try {
      return await httpGetBytes(byHashUrl);
    } catch (err) {
      if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
    }
  }
  return httpGetBytes(url);
}
