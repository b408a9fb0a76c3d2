/** DL4004: only the last ENTRYPOINT of a stage counts. */
import type { Rule } from './types.js';
import { reportOverridden } from './util/single-instruction.js';

export const multipleEntrypoint: Rule = {
  meta: {
    id: 'multiple-entrypoint',
    aliases: ['DL4004', 'MultipleInstructionsDisallowed'],
    severity: 'error',
    title: 'Use one ENTRYPOINT per stage',
    practice: 'Only the last ENTRYPOINT of a stage takes effect; the others mislead readers about what the container runs.',
    source: 'hadolint, buildkit',
    fixable: false,
    keywords: ['ENTRYPOINT'],
    docs: [
      'Reports every ENTRYPOINT of a stage except the last. BuildKit reports CMD, ENTRYPOINT and HEALTHCHECK under one check,',
      '`MultipleInstructionsDisallowed`; whittle splits it into `multiple-cmd`, `multiple-entrypoint` and `multiple-healthcheck`,',
      'and skipping the BuildKit name skips all three.',
      '',
      'Bad:',
      '```dockerfile',
      'ENTRYPOINT ["nginx"]',
      'ENTRYPOINT ["/docker-entrypoint.sh"]',
      '```',
    ].join('\n'),
  },
  check(context) {
    reportOverridden(context, 'ENTRYPOINT');
  },
};
