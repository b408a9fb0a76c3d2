/** DL3024 / DuplicateStageName: stage names must be unique (BuildKit compares them case-insensitively). */
import type { Rule } from './types.js';

export const stageNameUnique: Rule = {
  meta: {
    id: 'stage-name-unique',
    aliases: ['DL3024', 'DuplicateStageName'],
    severity: 'error',
    title: 'Give every stage a unique name',
    practice: 'A repeated stage name makes `COPY --from` and `--target` ambiguous; BuildKit rejects the Dockerfile.',
    source: 'hadolint, buildkit',
    fixable: false,
    docs: [
      'Names are compared case-insensitively, as BuildKit does (`AS Build` and `AS build` collide).',
      '',
      'Bad:',
      '```dockerfile',
      'FROM golang:1.23 AS build',
      'FROM node:22 AS build',
      '```',
    ].join('\n'),
  },
  check(context) {
    const seen = new Map<string, number>();
    for (const stage of context.dockerfile.stages) {
      const { stageName, stageNameRange } = stage.from;
      if (!stageName || !stageNameRange) continue;
      const key = stageName.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        context.report({
          range: stageNameRange,
          message: `Duplicate stage name "${stageName}" (first used on line ${first}): stage names should be unique`,
        });
      } else seen.set(key, stage.from.range.start.line);
    }
  },
};
