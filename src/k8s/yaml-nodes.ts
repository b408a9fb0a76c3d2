/** Small helpers over yaml nodes: find a key's pair, walk a path, and turn nodes into offsets. */
import { isMap, isPair, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';

export function pairOf(map: YAMLMap | null | undefined, key: string): Pair<Node, Node | null> | undefined {
  if (!map || !isMap(map)) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

export function valueOf(map: YAMLMap | null | undefined, key: string): Node | null | undefined {
  return pairOf(map, key)?.value ?? undefined;
}

export function mapAt(map: YAMLMap | null | undefined, path: readonly string[]): YAMLMap | null {
  let node: unknown = map;
  for (const key of path) {
    if (!isMap(node)) return null;
    node = valueOf(node, key);
  }
  return isMap(node) ? node : null;
}

/** The pair at the end of a path of keys, if every step exists. */
export function pairAt(map: YAMLMap | null | undefined, path: readonly string[]): Pair<Node, Node | null> | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length > 1 ? mapAt(map, path.slice(0, -1)) : map;
  return pairOf(parent, path[path.length - 1]!);
}

export interface Span {
  start: number;
  end: number;
}

/** The span of a key (where a field is), falling back to the value. */
export function keySpan(pair: Pair<Node, Node | null>): Span | null {
  const r = (pair.key as Node | null)?.range ?? pair.value?.range;
  return r ? { start: r[0], end: r[1] } : null;
}

export function nodeSpan(node: Node | null | undefined): Span | null {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : null;
}
