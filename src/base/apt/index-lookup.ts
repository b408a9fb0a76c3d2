/**
 * Lookups over an ArchiveIndex built once per index: packages by name (newest version first) and the
 * packages that provide each virtual name. Cached per index object, since the index is immutable data.
 */
import { parseRelations } from './relations.js';
import type { ArchiveIndex, DebPackage } from './types.js';
import { compareVersions } from './version.js';

export interface Provider {
  pkg: DebPackage;
  /** The provided version (`Provides: foo (= 1.2)`); undefined for an unversioned provide. */
  version?: string;
}

export interface IndexLookup {
  byName: Map<string, DebPackage[]>;
  providers: Map<string, Provider[]>;
  /** `bookworm/main bookworm-updates/main amd64`, for error messages. */
  description: string;
}

const cache = new WeakMap<ArchiveIndex, IndexLookup>();

export function indexLookup(index: ArchiveIndex): IndexLookup {
  let lookup = cache.get(index);
  if (!lookup) {
    lookup = buildLookup(index);
    cache.set(index, lookup);
  }
  return lookup;
}

function buildLookup(index: ArchiveIndex): IndexLookup {
  const byName = new Map<string, DebPackage[]>();
  const providers = new Map<string, Provider[]>();
  for (const pkg of index.packages) {
    if (pkg.architecture !== index.architecture && pkg.architecture !== 'all') continue;
    const list = byName.get(pkg.name);
    if (!list) byName.set(pkg.name, [pkg]);
    // The same version from two suites is one package; the first source listed wins.
    else if (!list.some((p) => p.version === pkg.version)) list.push(pkg);
    if (pkg.provides) {
      for (const group of parseRelations(pkg.provides, `${pkg.name} Provides`)) {
        for (const provided of group) {
          const entry: Provider = provided.op === '=' ? { pkg, version: provided.version! } : { pkg };
          const existing = providers.get(provided.name);
          if (existing) existing.push(entry);
          else providers.set(provided.name, [entry]);
        }
      }
    }
  }
  for (const list of byName.values()) if (list.length > 1) list.sort((a, b) => compareVersions(b.version, a.version));
  const suites = [...new Set(index.verification.map((v) => v.source.components.map((c) => `${v.source.suite}/${c}`).join(' ')))];
  const description = `${suites.length > 0 ? `${suites.join(' ')} ` : ''}${index.architecture}`;
  return { byName, providers, description };
}
