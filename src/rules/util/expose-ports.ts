/** EXPOSE port specs `[ip:][hostPort:]containerPort[/proto]`, split as BuildKit's splitParts does, with their place in the text. */
import type { Dockerfile, ExposeInstruction } from '../../dockerfile/model.js';
import type { Range } from '../../core/position.js';
import { withTriggers } from './stage-scope.js';
import { rangeOf } from './text-locate.js';

export interface PortSpec {
  /** As written. */
  raw: string;
  /** Offsets of `raw` in the file text (-1 when it could not be found, e.g. spelt differently across a continuation). */
  start: number;
  end: number;
  ip: string;
  hostPort: string;
  containerPort: string;
  /** Protocol as written, '' when none. */
  proto: string;
}

export function splitPortSpec(raw: string): Omit<PortSpec, 'raw' | 'start' | 'end'> {
  const slash = raw.lastIndexOf('/');
  const spec = slash >= 0 ? raw.slice(0, slash) : raw;
  const proto = slash >= 0 ? raw.slice(slash + 1) : '';
  const parts = spec.split(':');
  const n = parts.length;
  if (n === 1) return { ip: '', hostPort: '', containerPort: parts[0]!, proto };
  if (n === 2) return { ip: '', hostPort: parts[0]!, containerPort: parts[1]!, proto };
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2]!, containerPort: parts[n - 1]!, proto };
}

export function portSpecs(df: Dockerfile, expose: ExposeInstruction): PortSpec[] {
  let cursor = expose.argsRange.start.offset;
  const limit = expose.range.end.offset;
  return expose.ports.map((raw) => {
    const at = df.text.indexOf(raw, cursor);
    const found = at >= 0 && at + raw.length <= limit;
    if (found) cursor = at + raw.length;
    return { raw, start: found ? at : -1, end: found ? at + raw.length : -1, ...splitPortSpec(raw) };
  });
}

/** Every port spec of every EXPOSE (ONBUILD triggers included), with the range to report it at. */
export function exposedPorts(df: Dockerfile): { instruction: ExposeInstruction; spec: PortSpec; range: Range }[] {
  return withTriggers(df.instructions).flatMap((instruction) =>
    instruction.keyword === 'EXPOSE'
      ? portSpecs(df, instruction).map((spec) => ({ instruction, spec, range: spec.start >= 0 ? rangeOf(df, spec.start, spec.end) : instruction.argsRange }))
      : [],
  );
}
