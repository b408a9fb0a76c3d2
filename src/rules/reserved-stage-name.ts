/** BuildKit ReservedStageName: `scratch` and `context` already mean something in FROM and COPY --from. */
import type { Rule } from './types.js';

const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: Rule = {
  meta: {
    id: 'reserved-stage-name',
    aliases: ['ReservedStageName'],
    severity: 'error',
    title: 'Do not name a stage scratch or context',
    practice: '`scratch` is the empty image and `context` the build context; a stage with either name is shadowed or shadows them.',
    source: 'buildkit',
    fixable: false,
    docs: [
      'Bad:',
      '```dockerfile',
      'FROM alpine:3.20 AS scratch',
      '```',
      'Good:',
      '```dockerfile',
      'FROM alpine:3.20 AS base',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const { stageName, stageNameRange } = stage.from;
      if (!stageName || !stageNameRange || !RESERVED.has(stageName.toLowerCase())) continue;
      context.report({ range: stageNameRange, message: `'${stageName.toLowerCase()}' is reserved and should not be used as a stage name` });
    }
  },
};
