/** DL4003: only the last CMD of a stage counts. */
import type { Rule } from './types.js';
import { reportOverridden } from './util/single-instruction.js';

export const multipleCmd: Rule = {
  meta: {
    id: 'multiple-cmd',
    aliases: ['DL4003', 'MultipleInstructionsDisallowed'],
    severity: 'warning',
    title: 'Use one CMD per stage',
    practice: 'Only the last CMD of a stage takes effect; the others mislead readers about what the container runs.',
    source: 'hadolint, buildkit',
    fixable: false,
    keywords: ['CMD'],
    docs: [
      'Reports every CMD of a stage except the last. BuildKit reports CMD, ENTRYPOINT and HEALTHCHECK under one check,',
      '`MultipleInstructionsDisallowed`; whittle splits it into `multiple-cmd`, `multiple-entrypoint` and `multiple-healthcheck`,',
      'and skipping the BuildKit name skips all three.',
      '',
      'Bad:',
      '```dockerfile',
      'CMD ["nginx"]',
      'CMD ["nginx", "-g", "daemon off;"]',
      '```',
    ].join('\n'),
  },
  check(context) {
    reportOverridden(context, 'CMD');
  },
};
