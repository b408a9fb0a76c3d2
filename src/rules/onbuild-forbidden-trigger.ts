/** DL3043: ONBUILD cannot trigger FROM, MAINTAINER or another ONBUILD. */
import type { Rule } from './types.js';

const FORBIDDEN = new Set(['FROM', 'MAINTAINER', 'ONBUILD']);

export const onbuildForbiddenTrigger: Rule = {
  meta: {
    id: 'onbuild-forbidden-trigger',
    aliases: ['DL3043'],
    severity: 'error',
    title: 'ONBUILD must not trigger FROM, MAINTAINER or ONBUILD',
    practice: 'Docker rejects these triggers when a child image builds, so the base image breaks every build that uses it.',
    source: 'hadolint',
    fixable: false,
    keywords: ['ONBUILD'],
    docs: [
      'Bad:',
      '```dockerfile',
      'ONBUILD ONBUILD RUN make',
      '```',
      'Good:',
      '```dockerfile',
      'ONBUILD RUN make',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const instruction of context.dockerfile.instructions) {
      if (instruction.keyword !== 'ONBUILD' || !FORBIDDEN.has(instruction.trigger.keyword)) continue;
      context.report({
        range: instruction.trigger.keywordRange,
        message: `${instruction.trigger.keyword} is not allowed as an ONBUILD trigger`,
      });
    }
  },
};
