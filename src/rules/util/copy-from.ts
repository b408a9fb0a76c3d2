/** The `--from` flag of COPY (and ADD, which BuildKit rejects it on), with the place of its value in the text. */
import type { Dockerfile, Instruction, Stage } from '../../dockerfile/model.js';
import type { RuleContext } from '../types.js';
import type { Range } from '../../core/position.js';
import { findLastIn, rangeOf } from './text-locate.js';

export function fromFlag(df: Dockerfile, instruction: Instruction): { value: string; range: Range } | undefined {
  const flag = instruction.flags.find((f) => f.name.toLowerCase() === 'from');
  if (!flag || flag.value === null) return undefined;
  const at = findLastIn(df, flag.value, flag.range.start.offset, flag.range.end.offset);
  return { value: flag.value, range: at >= 0 && flag.value ? rangeOf(df, at, at + flag.value.length) : flag.range };
}

/** Every COPY --from in every stage, with its value expanded in the scope of its instruction (trimmed). */
export function copyFromRefs(context: RuleContext): { stage: Stage; instruction: Instruction; from: { value: string; range: Range }; value: string }[] {
  const df = context.dockerfile;
  const out: { stage: Stage; instruction: Instruction; from: { value: string; range: Range }; value: string }[] = [];
  for (const stage of df.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const from = fromFlag(df, instruction);
      if (from) out.push({ stage, instruction, from, value: context.expand(from.value, instruction).trim() });
    }
  }
  return out;
}
