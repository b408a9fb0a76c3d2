/** BuildKit NoEmptyContinuation: a blank line inside a continued instruction is deprecated. */
import type { Rule } from './types.js';
import { lineIndex, lineText, rangeOf } from './util/text-locate.js';

export const noEmptyContinuation: Rule = {
  meta: {
    id: 'no-empty-continuation',
    aliases: ['NoEmptyContinuation'],
    severity: 'warning',
    title: 'No empty lines inside a continued instruction',
    practice: 'Empty continuation lines are deprecated and will become a build error in a future BuildKit release; they also hide where an instruction ends.',
    source: 'buildkit',
    fixable: true,
    docs: [
      'The fix deletes the empty lines. Comment lines inside a continuation are not empty and stay.',
      '',
      'Bad:',
      '```dockerfile',
      'RUN apk add \\',
      '',
      '    curl',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'RUN apk add \\',
      '    curl',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    const index = lineIndex(df);
    for (const instruction of df.instructions) {
      const { start, end } = instruction.range;
      if (start.line === end.line) continue;
      const heredocBodies: (readonly [number, number])[] = [];
      for (const h of instruction.heredocs) heredocBodies.push([h.contentRange.start.line, h.range.end.line]);
      if (instruction.keyword === 'ONBUILD') for (const h of instruction.trigger.heredocs) heredocBodies.push([h.contentRange.start.line, h.range.end.line]);
      for (let line = start.line + 1; line < end.line; line++) {
        if (heredocBodies.some(([first, last]) => line >= first && line <= last)) continue;
        if (lineText(df, line).trim() !== '') continue;
        const lineStart = index.lineStart(line);
        const next = index.lineStart(line + 1);
        context.report({
          range: rangeOf(df, lineStart, lineStart),
          message: `Empty continuation line in ${instruction.keyword} (deprecated, a future BuildKit release will reject it)`,
          fix: [{ start: lineStart, end: next, replacement: '' }],
        });
      }
    }
  },
};
