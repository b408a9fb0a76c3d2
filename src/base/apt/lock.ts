/**
 * `whittle-base.lock`: every package of the resolution pinned by version and SHA-256, per architecture.
 * Written sorted and in one fixed layout so that a re-resolution that changes nothing changes no byte,
 * and diffs of the lock read as package upgrades.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseDocument, stringify } from 'yaml';
import { writeFileAtomic } from '../../cli/atomic-write.js';
import { InputError } from '../../core/errors.js';
import { indexLookup } from './index-lookup.js';
import type { AptSource, ArchiveIndex, BaseLock, DebPackage, Resolution } from './types.js';

type LockEntry = BaseLock['architectures'][string][number];

const HEADER = '# whittle-base.lock: written by `whittle base`; do not edit. Refresh with `whittle base --update`.\n';

/** The inputs of a resolution; when they change, the lock is stale. */
export interface ResolutionInputs {
  sources: AptSource[];
  packages: string[];
  exclude?: string[];
  includeEssential?: boolean;
  architectures?: string[];
}

/** `sha256:<hex>` of the resolution inputs in a canonical form (names sorted; source order kept, it matters). */
export function specDigest(inputs: ResolutionInputs): string {
  const canonical = {
    sources: inputs.sources.map((s) => ({ url: s.url.replace(/\/+$/, ''), suite: s.suite, components: [...s.components] })),
    packages: [...new Set(inputs.packages.map((p) => p.trim()))].sort(),
    exclude: [...new Set((inputs.exclude ?? []).map((p) => p.trim()))].sort(),
    includeEssential: inputs.includeEssential ?? false,
    architectures: [...new Set(inputs.architectures ?? [])].sort(),
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex')}`;
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function lockFromResolutions(digest: string, resolutions: Resolution[]): BaseLock {
  const architectures: BaseLock['architectures'] = {};
  for (const resolution of [...resolutions].sort((a, b) => (a.architecture < b.architecture ? -1 : 1))) {
    architectures[resolution.architecture] = [...resolution.packages]
      .sort(byName)
      .map((p) => ({ name: p.name, version: p.version, url: p.url, size: p.size, sha256: p.sha256 }));
  }
  return { version: 1, specDigest: digest, architectures };
}

/** The lock as YAML: fixed key order, architectures and packages sorted. */
export function formatLock(lock: BaseLock): string {
  const architectures: BaseLock['architectures'] = {};
  for (const arch of Object.keys(lock.architectures).sort()) {
    architectures[arch] = [...lock.architectures[arch]!]
      .sort(byName)
      .map((e) => ({ name: e.name, version: e.version, url: e.url, size: e.size, sha256: e.sha256 }));
  }
  return HEADER + stringify({ version: 1, specDigest: lock.specDigest, architectures }, { lineWidth: 0 });
}

export async function writeLock(path: string, lock: BaseLock): Promise<void> {
  await writeFileAtomic(path, formatLock(lock));
}

/** The lock at `path`, or null when there is none. A malformed lock is an InputError naming the file and place. */
export async function readLock(path: string): Promise<BaseLock | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`cannot read lock file: ${(err as Error).message}`, path);
  }
  return parseLock(text, path);
}

export function parseLock(text: string, path: string): BaseLock {
  const doc = parseDocument(text, { uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0];
    throw new InputError(`not valid YAML: ${yamlError.message.split('\n')[0]}`, path, pos?.line, pos?.col);
  }
  const bad = (what: string): InputError => new InputError(`${what}; delete it or run \`whittle base --update\``, path);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch (err) {
    // YAML aliases have no place in a lock; refusing them also rules out alias bombs.
    throw bad(`unreadable lock (${(err as Error).message})`);
  }
  if (!isRecord(data)) throw bad('not a whittle-base.lock');
  if (data.version !== 1) throw bad(`unsupported lock version ${JSON.stringify(data.version)}`);
  if (typeof data.specDigest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(data.specDigest)) throw bad('specDigest missing or malformed');
  if (!isRecord(data.architectures)) throw bad('architectures missing');
  const architectures: BaseLock['architectures'] = {};
  for (const [arch, list] of Object.entries(data.architectures)) {
    if (!Array.isArray(list)) throw bad(`architectures.${arch} is not a list`);
    architectures[arch] = list.map((entry, i) => {
      const e = entry as Partial<LockEntry>;
      const ok =
        isRecord(entry) &&
        typeof e.name === 'string' &&
        typeof e.version === 'string' &&
        typeof e.url === 'string' &&
        /^https?:\/\//.test(e.url) &&
        Number.isSafeInteger(e.size) &&
        (e.size as number) >= 0 &&
        typeof e.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(e.sha256);
      if (!ok) throw bad(`architectures.${arch}[${i}] needs name, version, url (http/https), size and a 64-hex sha256`);
      return { name: e.name!, version: e.version!, url: e.url!, size: e.size!, sha256: e.sha256! };
    });
  }
  return { version: 1, specDigest: data.specDigest, architectures };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The locked packages as a Resolution. With the index, each entry must still be in the archive with the same
 * checksum (its full stanza is then used); without it (offline, or an archive that dropped the index) the
 * packages carry only what the lock knows, and the composer reads the rest from the verified .debs.
 */
export function resolutionFromLock(lock: BaseLock, architecture: string, index?: ArchiveIndex): Resolution {
  const entries = lock.architectures[architecture];
  if (!entries) {
    const have = Object.keys(lock.architectures).join(', ') || 'none';
    throw new InputError(`whittle-base.lock has no packages for ${architecture} (it has ${have}); run \`whittle base --update\``);
  }
  const requiredBy: Record<string, string> = {};
  const lookup = index ? indexLookup(index) : undefined;
  const packages = entries.map((entry): DebPackage => {
    requiredBy[entry.name] = 'locked';
    if (!lookup) return fromLockAlone(entry, architecture);
    const candidates = lookup.byName.get(entry.name) ?? [];
    const found = candidates.find((p) => p.version === entry.version);
    if (!found) {
      const now = candidates.length > 0 ? ` (it has ${candidates.map((p) => p.version).join(', ')})` : '';
      throw new InputError(
        `whittle-base.lock pins ${entry.name} ${entry.version}, which ${lookup.description} no longer has${now}; run \`whittle base --update\``,
      );
    }
    if (found.sha256 !== entry.sha256 || found.size !== entry.size) {
      throw new InputError(
        `whittle-base.lock pins ${entry.name} ${entry.version} with SHA-256 ${entry.sha256}, but the archive lists ${found.sha256}; the archive changed a published package: check it, then run \`whittle base --update\``,
      );
    }
    return found;
  });
  return { architecture, packages: packages.sort(byName), requiredBy };
}

function fromLockAlone(entry: LockEntry, architecture: string): DebPackage {
  return {
    name: entry.name,
    version: entry.version,
    architecture,
    url: entry.url,
    size: entry.size,
    sha256: entry.sha256,
    depends: '',
    preDepends: '',
    provides: '',
    essential: false,
    fields: [
      ['Package', entry.name],
      ['Version', entry.version],
    ],
  };
}
