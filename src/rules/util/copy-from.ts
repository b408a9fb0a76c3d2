/** The `--from` flag of COPY (and ADD, which BuildKit rejects it on), with the place of its value in the text. */
import type { Dockerfile, Instruction } from '../../dockerfile/model.js';
import type { Range } from '../../core/position.js';
import { findLastIn, rangeOf } from './text-locate.js';

export function fromFlag(df: Dockerfile, instruction: Instruction): { value: string; range: Range } | undefined {
  const flag = instruction.flags.find((f) => f.name.toLowerCase() === 'from');
  if (!flag || flag.value === null) return undefined;
  const at = findLastIn(df, flag.value, flag.range.start.offset, flag.range.end.offset);
  return { value: flag.value, range: at >= 0 && flag.value ? rangeOf(df, at, at + flag.value.length) : flag.range };
}
