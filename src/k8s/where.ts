/** Where a finding points: the field when it exists, else the container or object it is missing from. */
import { isMap } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { ContainerRef, Workload } from './model.js';
import type { Span } from './yaml-nodes.js';
import { keySpan, nodeSpan, pairAt, pairOf } from './yaml-nodes.js';

/** The container, shown at its `name` key (the start of its list item). */
export function containerSpan(container: ContainerRef): Span {
  return mapStart(container.node);
}

/** The object, shown at its `kind` key. */
export function objectSpan(workload: Workload): Span {
  return mapStart(workload.node);
}

function mapStart(map: YAMLMap): Span {
  const first = pairOf(map, 'name') ?? pairOf(map, 'kind') ?? (map.items[0] as never);
  const span = first ? keySpan(first) : null;
  return span ?? nodeSpan(map as Node) ?? { start: 0, end: 0 };
}

/** The span of a field's key at `path` below `map`, or `fallback` when it is missing. */
export function fieldSpan(map: YAMLMap | null, path: readonly string[], fallback: Span): Span {
  if (!map || !isMap(map)) return fallback;
  const pair = pairAt(map, path);
  return (pair && keySpan(pair)) ?? fallback;
}

export function containerField(container: ContainerRef, path: readonly string[]): Span {
  return fieldSpan(container.node, path, containerSpan(container));
}
