/** DL3061: only ARG (and comments, parser directives) may come before the first FROM. */
import type { Rule } from './types.js';

export const instructionOrder: Rule = {
  meta: {
    id: 'instruction-order',
    aliases: ['DL3061'],
    severity: 'error',
    title: 'Begin with FROM (ARGs and comments may come first)',
    practice: 'Every build instruction needs a stage to run in; only global ARGs may precede the first FROM.',
    source: 'hadolint',
    fixable: false,
    docs: [
      'Bad:',
      '```dockerfile',
      'LABEL team=web',
      'FROM nginx:1.27',
      '```',
      'Good:',
      '```dockerfile',
      'ARG NGINX_VERSION=1.27',
      'FROM nginx:${NGINX_VERSION}',
      'LABEL team=web',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const instruction of context.dockerfile.instructions) {
      if (instruction.stageIndex !== -1 || instruction.keyword === 'ARG' || instruction.keyword === 'FROM') continue;
      context.report({
        range: instruction.keywordRange,
        message: `Invalid instruction order: ${instruction.keyword} before the first FROM (a Dockerfile must begin with FROM, ARG or a comment)`,
      });
    }
  },
};
