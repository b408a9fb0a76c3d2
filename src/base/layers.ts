/**
 * Which layer each package goes to. Layers are taken in order; each gets the packages it names plus every
 * dependency of those not already in an earlier layer, so two images that share their first layer's request
 * share that layer byte for byte. Requested packages in no layer, and their new dependencies, go to the last.
 */
import { packageName } from './spec.js';
import type { BaseLayerSpec } from './spec-types.js';

export interface PackageNode {
  name: string;
  /** Depends + Pre-Depends as alternatives: `a | b, c` → [[a, b], [c]]. */
  depends: string[][];
  /** Names this package provides (virtual packages). */
  provides: string[];
}

export interface LayerPlan {
  name: string;
  /** Package names in this layer, sorted. */
  packages: string[];
}

/**
 * The closure of `roots` inside the resolved set: each dependency clause is met by the first alternative that
 * was resolved (by name, else by a package that provides it); clauses nothing resolved meets are ignored (the
 * resolver excluded them).
 */
export function closureOf(roots: readonly string[], nodes: ReadonlyMap<string, PackageNode>, providers: ReadonlyMap<string, string[]>): string[] {
  const seen = new Set<string>();
  const stack = roots.filter((r) => nodes.has(r));
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const clause of nodes.get(name)!.depends) {
      const met = clause.find((alt) => nodes.has(alt)) ?? clause.map((alt) => providers.get(alt)?.[0]).find((p) => p !== undefined);
      if (met !== undefined && !seen.has(met)) stack.push(met);
    }
  }
  return [...seen];
}

export function planLayers(layers: readonly BaseLayerSpec[], requested: readonly string[], resolved: readonly PackageNode[]): LayerPlan[] {
  const nodes = new Map(resolved.map((p) => [p.name, p]));
  const providers = new Map<string, string[]>();
  for (const p of [...resolved].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const v of p.provides) providers.set(v, [...(providers.get(v) ?? []), p.name]);
  }
  const specs: BaseLayerSpec[] = layers.length > 0 ? layers.map((l) => ({ name: l.name, packages: [...l.packages] })) : [{ name: 'packages', packages: [] }];
  const named = new Set(specs.flatMap((l) => l.packages.map(packageName)));
  // Requested packages in no layer join the last layer.
  specs[specs.length - 1]!.packages.push(...requested.map(packageName).filter((n) => !named.has(n)));

  const assigned = new Set<string>();
  const plans = specs.map((layer) => {
    const roots = layer.packages.map(packageName).map((n) => (nodes.has(n) ? n : (providers.get(n)?.[0] ?? n)));
    const mine = closureOf(roots, nodes, providers).filter((n) => !assigned.has(n));
    for (const n of mine) assigned.add(n);
    return { name: layer.name, packages: mine.sort() };
  });
  // Whatever the resolver added that no request reaches (Essential packages, say) goes to the last layer too.
  const rest = resolved.map((p) => p.name).filter((n) => !assigned.has(n));
  if (rest.length > 0) plans[plans.length - 1]!.packages = [...plans[plans.length - 1]!.packages, ...rest].sort();
  return plans;
}
