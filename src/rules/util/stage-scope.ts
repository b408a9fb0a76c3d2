/** Stage-aware views of a Dockerfile for the structure rules: build chains, the final image, stage references, scope. */
import type { Dockerfile, Instruction, Stage } from '../../dockerfile/model.js';
import { hasUnresolvedVariable, isScratch, parseImageRef } from './images.js';
import type { ImageRef } from './images.js';

/** Every instruction in file order, each ONBUILD trigger right after its ONBUILD. */
export function withTriggers(instructions: readonly Instruction[]): Instruction[] {
  const out: Instruction[] = [];
  for (const i of instructions) {
    out.push(i);
    if (i.keyword === 'ONBUILD') out.push(i.trigger);
  }
  return out;
}

/** The stages a stage builds on, root first, ending with the stage itself (FROM an earlier stage, transitively). */
export function stageChain(df: Dockerfile, stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  const seen = new Set<number>([stage.index]);
  let current = stage;
  while (current.baseStage !== undefined && !seen.has(current.baseStage)) {
    const base = df.stages[current.baseStage];
    if (!base) break;
    chain.unshift(base);
    seen.add(base.index);
    current = base;
  }
  return chain;
}

/** The stages whose instructions ship in the final image, in build order (base first). */
export function finalImageChain(df: Dockerfile): Stage[] {
  const last = df.stages[df.stages.length - 1];
  return last ? stageChain(df, last) : [];
}

/** Instructions (no triggers) of a chain up to, not including, `before`; all of them when `before` is absent. */
export function chainInstructionsBefore(chain: readonly Stage[], before?: Instruction): Instruction[] {
  const out: Instruction[] = [];
  for (const stage of chain) {
    for (const i of stage.instructions) {
      if (i === before) return out;
      out.push(i);
    }
  }
  return out;
}

/**
 * The stage a `--from` / FROM value names when it is declared before `beforeStage`: a stage name
 * (case-insensitive, as BuildKit matches) or a numeric index.
 */
export function resolveStageRef(df: Dockerfile, ref: string, beforeStage: number): Stage | undefined {
  const value = ref.trim();
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    return index < beforeStage ? df.stages[index] : undefined;
  }
  const name = value.toLowerCase();
  return df.stages.find((s) => s.index < beforeStage && s.name === name);
}

/** Names declared by ARG or ENV in a stage chain before an instruction (ARGs only from the instruction's own stage). */
export function declaredNamesBefore(df: Dockerfile, instruction: Instruction): Set<string> {
  const names = new Set<string>();
  const stage = df.stages[instruction.stageIndex];
  if (!stage) {
    // Before the first FROM only earlier global ARGs are in scope.
    for (const arg of df.globalArgs) {
      if (arg.range.start.offset >= instruction.range.start.offset) break;
      for (const d of arg.declarations) names.add(d.name);
    }
    return names;
  }
  for (const s of stageChain(df, stage)) {
    for (const i of s.instructions) {
      if (i === instruction || i.range.start.offset >= instruction.range.start.offset) break;
      // ENV survives into stages built FROM this one (it is image config); ARG ends with its stage.
      if (i.keyword === 'ENV') for (const p of i.pairs) names.add(p.key);
      if (i.keyword === 'ARG' && s === stage) for (const d of i.declarations) names.add(d.name);
    }
  }
  return names;
}

/** BuildKit's automatic platform ARGs: global scope only, a stage needs `ARG NAME` to see them. */
export const PLATFORM_ARGS: readonly string[] = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
];

/** Example values for the platform ARGs, to judge what a FROM expands to on a typical build. */
export const PLATFORM_ARG_EXAMPLES: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
]);

/**
 * The image a stage pulls, parsed, when it pulls one: not for `FROM <stage>`, `scratch`, a reference whose
 * variables do not expand, or text that is no image reference.
 */
export function externalBaseImage(stage: Stage): { text: string; ref: ImageRef } | undefined {
  if (stage.baseStage !== undefined) return undefined;
  const text = stage.from.imageExpanded.trim();
  if (!text || isScratch(text) || hasUnresolvedVariable(text)) return undefined;
  const ref = parseImageRef(text);
  return ref ? { text, ref } : undefined;
}
