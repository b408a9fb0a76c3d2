/** DL3012: only the last HEALTHCHECK of a stage counts. */
import type { Rule } from './types.js';
import { reportOverridden } from './util/single-instruction.js';

export const multipleHealthcheck: Rule = {
  meta: {
    id: 'multiple-healthcheck',
    aliases: ['DL3012', 'MultipleInstructionsDisallowed'],
    severity: 'error',
    title: 'Use one HEALTHCHECK per stage',
    practice: 'Only the last HEALTHCHECK of a stage takes effect; the others mislead readers about how the container is probed.',
    source: 'hadolint, buildkit',
    fixable: false,
    keywords: ['HEALTHCHECK'],
    docs: [
      'Reports every HEALTHCHECK of a stage except the last. BuildKit reports CMD, ENTRYPOINT and HEALTHCHECK under one check,',
      '`MultipleInstructionsDisallowed`; whittle splits it into `multiple-cmd`, `multiple-entrypoint` and `multiple-healthcheck`,',
      'and skipping the BuildKit name skips all three.',
      '',
      'Bad:',
      '```dockerfile',
      'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]',
      'HEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost/health"]',
      '```',
    ].join('\n'),
  },
  check(context) {
    reportOverridden(context, 'HEALTHCHECK');
  },
};
