/** BuildKit ConsistentInstructionCasing: instruction keywords all upper or all lower case, following the majority. */
import type { Rule } from './types.js';

const isConsistent = (s: string): boolean => s === s.toUpperCase() || s === s.toLowerCase();

export const consistentInstructionCasing: Rule = {
  meta: {
    id: 'consistent-instruction-casing',
    aliases: ['ConsistentInstructionCasing'],
    severity: 'style',
    title: 'Write instruction keywords in one casing',
    practice: 'Mixed keyword casing (`Run`, `copy` among `RUN`, `COPY`) makes a Dockerfile harder to scan.',
    source: 'buildkit',
    fixable: true,
    docs: [
      "The majority casing of the file wins (upper case on a tie), as in BuildKit; the fix re-cases the others.",
      '',
      'Bad:',
      '```dockerfile',
      'FROM alpine:3.20',
      'Run echo hello',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'FROM alpine:3.20',
      'RUN echo hello',
      '```',
    ].join('\n'),
  },
  check(context) {
    const instructions = context.dockerfile.instructions;
    let lower = 0;
    let upper = 0;
    for (const i of instructions) {
      if (!isConsistent(i.rawKeyword)) continue;
      if (i.rawKeyword === i.rawKeyword.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    for (const i of instructions) {
      const wanted = majorityLower ? i.rawKeyword.toLowerCase() : i.rawKeyword.toUpperCase();
      if (i.rawKeyword === wanted) continue;
      context.report({
        range: i.keywordRange,
        message: `Command '${i.rawKeyword}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
        fix: [{ start: i.keywordRange.start.offset, end: i.keywordRange.end.offset, replacement: wanted }],
      });
    }
  },
};
