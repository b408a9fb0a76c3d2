/** BuildKit FromAsCasing: `FROM x as y` mixes casings. */
import type { Rule } from './types.js';
import { rangeOf } from './util/text-locate.js';

export const fromAsCasing: Rule = {
  meta: {
    id: 'from-as-casing',
    aliases: ['FromAsCasing'],
    severity: 'style',
    title: "Match the casing of AS to FROM",
    practice: 'Keywords in one casing read as one language; `FROM ... AS` or `from ... as`, not a mix.',
    source: 'buildkit',
    fixable: true,
    docs: [
      'Bad:',
      '```dockerfile',
      'FROM debian:12 as builder',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'FROM debian:12 AS builder',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const stage of df.stages) {
      const from = stage.from;
      if (!from.asKeyword || !from.stageNameRange) continue;
      const keyword = from.rawKeyword;
      const upper = keyword === keyword.toUpperCase();
      const lower = keyword === keyword.toLowerCase();
      if (!upper && !lower) continue; // mixed FROM casing is ConsistentInstructionCasing's finding
      const wanted = upper ? 'AS' : 'as';
      if (from.asKeyword === wanted) continue;
      const between = df.text.slice(from.imageRange.end.offset, from.stageNameRange.start.offset);
      const m = /(^|\s)(as)(?=\s)/i.exec(between);
      const start = m ? from.imageRange.end.offset + m.index + m[1]!.length : -1;
      const range = start >= 0 ? rangeOf(df, start, start + 2) : from.range;
      context.report({
        range,
        message: `'${from.asKeyword}' and '${keyword}' keywords' casing do not match`,
        ...(start >= 0 ? { fix: [{ start, end: start + 2, replacement: wanted }] } : {}),
      });
    }
  },
};
