/**
 * The install closure of a set of packages over one archive index: Pre-Depends and Depends followed
 * breadth-first, one version per package, deterministic for the same index and request.
 *
 * Choices, in apt's spirit but simpler (no Conflicts/Breaks, no Recommends, no backtracking):
 * - an alternative group is satisfied when any alternative is already chosen; otherwise the first
 *   alternative that some package can satisfy is taken (the newest matching version; a real package
 *   before a provider; among providers one already chosen, then by Priority, then by name);
 * - an excluded name, and (unless includeEssential) an Essential package, counts as present:
 *   the group that names it needs nothing more, and the omission is recorded;
 * - `:any` needs Multi-Arch: allowed; `:native` or the index architecture needs a native or `all` package.
 */
import { ConfigError, InputError } from '../../core/errors.js';
import { indexLookup, type IndexLookup, type Provider } from './index-lookup.js';
import { appliesToArchitecture, formatAlternatives, parseRelations, type Alternatives, type Relation } from './relations.js';
import type { ArchiveIndex, DebPackage, ResolveRequest, Resolution } from './types.js';
import { satisfiesVersion } from './version.js';

const PRIORITY_RANK: Record<string, number> = { required: 0, important: 1, standard: 2, optional: 3, extra: 4 };

export function resolvePackages(index: ArchiveIndex, request: ResolveRequest): Resolution {
  return new Resolver(index, request).run();
}

class Resolver {
  private readonly lookup: IndexLookup;
  private readonly chosen = new Map<string, DebPackage>();
  /** Virtual name to the chosen packages that provide it. */
  private readonly chosenProvides = new Map<string, Provider[]>();
  private readonly requiredBy: Record<string, string> = {};
  private readonly omitted: NonNullable<Resolution['omitted']> = [];
  private readonly queue: DebPackage[] = [];
  private readonly exclude: Set<string>;

  constructor(
    private readonly index: ArchiveIndex,
    private readonly request: ResolveRequest,
  ) {
    this.lookup = indexLookup(index);
    this.exclude = new Set((request.exclude ?? []).map((n) => n.trim().toLowerCase()));
  }

  run(): Resolution {
    if (this.request.includeEssential) {
      const essential = [...this.lookup.byName.values()].map((list) => list[0]!).filter((p) => p.essential);
      for (const pkg of essential.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!this.exclude.has(pkg.name)) this.choose(pkg, 'essential');
      }
    }
    for (const text of this.request.packages) {
      const groups = parseRelations(text, `requested package ${JSON.stringify(text)}`);
      if (groups.length !== 1) throw new ConfigError(`requested package ${JSON.stringify(text)}: give one package per entry`);
      const group = groups[0]!;
      const excluded = group.find((r) => this.exclude.has(r.name));
      if (excluded) throw new ConfigError(`${excluded.name} is both requested and excluded`);
      // A requested Essential package is installed: asking for it by name is the configuration.
      this.satisfy(group, 'requested', true);
    }
    for (let i = 0; i < this.queue.length; i++) {
      const pkg = this.queue[i]!;
      const where = `${pkg.name} ${pkg.version}`;
      const groups = [...parseRelations(pkg.preDepends, `${where} Pre-Depends`), ...parseRelations(pkg.depends, `${where} Depends`)];
      for (const group of groups) {
        const applicable = group.filter((r) => appliesToArchitecture(r, this.index.architecture));
        if (applicable.length > 0) this.satisfy(applicable, pkg.name, false);
      }
    }
    const packages = [...this.chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const resolution: Resolution = { architecture: this.index.architecture, packages, requiredBy: this.requiredBy };
    if (this.omitted.length > 0) resolution.omitted = this.omitted;
    return resolution;
  }

  private choose(pkg: DebPackage, by: string): void {
    this.chosen.set(pkg.name, pkg);
    this.requiredBy[pkg.name] = by;
    if (pkg.provides) {
      for (const group of parseRelations(pkg.provides, `${pkg.name} Provides`)) {
        for (const p of group) {
          const entry: Provider = p.op === '=' ? { pkg, version: p.version! } : { pkg };
          const list = this.chosenProvides.get(p.name);
          if (list) list.push(entry);
          else this.chosenProvides.set(p.name, [entry]);
        }
      }
    }
    this.queue.push(pkg);
  }

  private satisfy(group: Alternatives, by: string, requested: boolean): void {
    for (const relation of group) {
      if (this.exclude.has(relation.name)) return this.omit(relation.name, by, 'excluded');
    }
    if (group.some((r) => this.satisfiedByChosen(r))) return;
    if (!requested && !this.request.includeEssential) {
      for (const relation of group) {
        const essential = this.candidates(relation).find((p) => p.essential);
        if (essential) return this.omit(essential.name, by, 'essential');
      }
    }
    for (const relation of group) {
      const pkg = this.candidates(relation)[0];
      if (pkg) return this.choose(pkg, by);
    }
    throw new InputError(`${[...this.chain(by), formatAlternatives(group)].join(' -> ')}: ${this.whyUnsatisfiable(group)}`);
  }

  private omit(name: string, by: string, reason: 'excluded' | 'essential'): void {
    if (!this.omitted.some((o) => o.name === name && o.requiredBy === by)) this.omitted.push({ name, requiredBy: by, reason });
  }

  private satisfiedByChosen(relation: Relation): boolean {
    const pkg = this.chosen.get(relation.name);
    if (pkg && this.matchesReal(pkg, relation)) return true;
    return (this.chosenProvides.get(relation.name) ?? []).some((p) => this.matchesProvider(p, relation));
  }

  /** Packages that could satisfy a relation, best first; a name already chosen at another version is out. */
  private candidates(relation: Relation): DebPackage[] {
    const usable = (p: DebPackage): boolean => {
      const chosen = this.chosen.get(p.name);
      return !chosen || chosen === p;
    };
    const real = (this.lookup.byName.get(relation.name) ?? []).filter((p) => this.matchesReal(p, relation) && usable(p));
    if (real.length > 0) return real;
    const providers = (this.lookup.providers.get(relation.name) ?? []).filter((p) => this.matchesProvider(p, relation) && usable(p.pkg));
    const rank = (p: Provider): [number, number, string] => [
      this.chosen.has(p.pkg.name) ? 0 : 1,
      PRIORITY_RANK[p.pkg.priority ?? ''] ?? 5,
      p.pkg.name,
    ];
    return providers
      .sort((a, b) => {
        const [a0, a1, a2] = rank(a);
        const [b0, b1, b2] = rank(b);
        return a0 - b0 || a1 - b1 || (a2 < b2 ? -1 : a2 > b2 ? 1 : 0);
      })
      .map((p) => p.pkg);
  }

  private matchesArchitecture(pkg: DebPackage, relation: Relation): boolean {
    const native = pkg.architecture === this.index.architecture || pkg.architecture === 'all';
    const q = relation.archQualifier;
    if (q === undefined || q === 'native' || q === this.index.architecture) return native;
    if (q === 'any') return native && pkg.multiArch === 'allowed';
    return false;
  }

  private matchesReal(pkg: DebPackage, relation: Relation): boolean {
    if (!this.matchesArchitecture(pkg, relation)) return false;
    return relation.op === undefined || satisfiesVersion(pkg.version, relation.op, relation.version!);
  }

  private matchesProvider(provider: Provider, relation: Relation): boolean {
    // A provide satisfies `:any` too when the provider is native (dpkg also accepts Multi-Arch: foreign here).
    const q = relation.archQualifier;
    const pkg = provider.pkg;
    const native = pkg.architecture === this.index.architecture || pkg.architecture === 'all';
    if (!native || (q !== undefined && q !== 'any' && q !== 'native' && q !== this.index.architecture)) return false;
    if (relation.op === undefined) return true;
    return provider.version !== undefined && satisfiesVersion(provider.version, relation.op, relation.version!);
  }

  /** `python3 -> libpython3.11-stdlib`: who pulled `name` in, back to the request. */
  private chain(name: string): string[] {
    const chain: string[] = [];
    let current = name;
    while (current !== 'requested' && current !== 'essential' && !chain.includes(current)) {
      chain.unshift(current);
      current = this.requiredBy[current] ?? 'requested';
    }
    return chain;
  }

  private whyUnsatisfiable(group: Alternatives): string {
    const where = `in ${this.lookup.description}`;
    const reasons = group.map((relation) => {
      const real = this.lookup.byName.get(relation.name) ?? [];
      const provided = this.lookup.providers.get(relation.name) ?? [];
      if (real.length === 0 && provided.length === 0) return `no such package ${where}`;
      const chosen = this.chosen.get(relation.name);
      if (chosen && !this.matchesReal(chosen, relation)) return `${relation.name} ${chosen.version} is already chosen`;
      if (real.length > 0) {
        const archMismatch = real.every((p) => !this.matchesArchitecture(p, relation));
        if (archMismatch) return `${relation.name} ${real[0]!.architecture} (Multi-Arch: ${real[0]!.multiArch ?? 'no'}) does not satisfy :${relation.archQualifier}`;
        return `only ${real.map((p) => p.version).join(', ')} ${where}`;
      }
      return `provided only by ${provided.map((p) => `${p.pkg.name}${p.version ? ` (= ${p.version})` : ''}`).join(', ')} ${where}`;
    });
    return group.length === 1 ? reasons[0]! : group.map((r, i) => `${r.name}: ${reasons[i]}`).join('; ');
  }
}
