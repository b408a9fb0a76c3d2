/** BuildKit StageNameCasing: stage names are lower case (BuildKit lower-cases them anyway). */
import type { TextEdit } from '../core/edits.js';
import type { Dockerfile, Stage } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { findLastIn } from './util/text-locate.js';

/** Edits that lower-case a stage's name and every reference to it written with other casing. */
function renameEdits(df: Dockerfile, stage: Stage, name: string): TextEdit[] {
  const lower = name.toLowerCase();
  const from = stage.from;
  const edits: TextEdit[] = [{ start: from.stageNameRange!.start.offset, end: from.stageNameRange!.end.offset, replacement: lower }];
  const isRef = (value: string): boolean => value.toLowerCase() === lower && value !== lower;
  for (const later of df.stages.slice(stage.index + 1)) {
    if (isRef(later.from.image)) {
      edits.push({ start: later.from.imageRange.start.offset, end: later.from.imageRange.end.offset, replacement: lower });
    }
    for (const instruction of later.instructions) {
      for (const flag of instruction.flags) {
        if (flag.name.toLowerCase() !== 'from' || flag.value === null || !isRef(flag.value)) continue;
        const at = findLastIn(df, flag.value, flag.range.start.offset, flag.range.end.offset);
        if (at >= 0) edits.push({ start: at, end: at + flag.value.length, replacement: lower });
      }
      if (instruction.keyword !== 'RUN') continue;
      for (const mount of instruction.mounts) {
        if (!mount.from || !isRef(mount.from)) continue;
        const text = df.text.slice(mount.range.start.offset, mount.range.end.offset);
        const m = new RegExp(`(^|[,=\\s])from=${mount.from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[,\\s])`).exec(text);
        if (!m) continue;
        const at = mount.range.start.offset + m.index + m[1]!.length + 'from='.length;
        edits.push({ start: at, end: at + mount.from.length, replacement: lower });
      }
    }
  }
  return edits;
}

export const stageNameCasing: Rule = {
  meta: {
    id: 'stage-name-casing',
    aliases: ['StageNameCasing'],
    severity: 'style',
    title: 'Write stage names in lower case',
    practice: 'BuildKit matches stage names case-insensitively and lower-cases them; writing them in lower case keeps FROM, COPY --from and --target spelt the same.',
    source: 'buildkit',
    fixable: true,
    docs: [
      'The fix lower-cases the name and the references to it (`FROM <stage>`, `COPY --from`, `RUN --mount=from=`).',
      '',
      'Bad:',
      '```dockerfile',
      'FROM golang:1.23 AS Builder',
      'FROM scratch',
      'COPY --from=Builder /app /app',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'FROM golang:1.23 AS builder',
      'FROM scratch',
      'COPY --from=builder /app /app',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const stage of df.stages) {
      const { stageName, stageNameRange } = stage.from;
      if (!stageName || !stageNameRange || stageName === stageName.toLowerCase()) continue;
      context.report({
        range: stageNameRange,
        message: `Stage name '${stageName}' should be lowercase`,
        fix: renameEdits(df, stage, stageName),
      });
    }
  },
};
