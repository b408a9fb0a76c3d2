/** DL3053: schema labels of type `rfc3339` whose value is not valid. */
import type { Rule } from './types.js';
import { isRfc3339, labelTypeRule } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelRfc3339: Rule = labelTypeRule(
  {
    id: 'label-rfc3339',
    aliases: ['DL3053'],
    severity: 'warning',
    title: 'Use RFC 3339 time stamps in date labels',
    practice: 'Build dates are compared and sorted by tools; RFC 3339 (`2024-05-01T12:00:00Z`) is the format OCI annotations use.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports labels the schema types as `rfc3339` whose value (after ARG/ENV expansion) is not an RFC 3339 date-time. ' +
        'Values that come from variables the Dockerfile does not define are not judged.',
      bad: '# labelSchema: { org.opencontainers.image.created: rfc3339 }\nFROM debian:12\nLABEL org.opencontainers.image.created="01/05/2024 12:00"',
      good: '# labelSchema: { org.opencontainers.image.created: rfc3339 }\nFROM debian:12\nLABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"',
    }),
  },
  'rfc3339',
  isRfc3339,
  (key) => `Label \`${key}\` is not a valid time format - must be conform to RFC3339.`,
);
