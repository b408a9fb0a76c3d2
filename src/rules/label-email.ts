/** DL3058: schema labels of type `email` whose value is not valid. */
import type { Rule } from './types.js';
import { isEmail, labelTypeRule } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelEmail: Rule = labelTypeRule(
  {
    id: 'label-email',
    aliases: ['DL3058'],
    severity: 'warning',
    title: 'Use valid e-mail addresses in e-mail labels',
    practice: 'A maintainer or contact label is how people reach the owner of an image; it must be an address that mail can be sent to.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports labels the schema types as `email` whose value (after ARG/ENV expansion) is not an RFC 5322 e-mail address. ' +
        'Values that come from variables the Dockerfile does not define are not judged.',
      bad: '# labelSchema: { org.opencontainers.image.authors: email }\nFROM debian:12\nLABEL org.opencontainers.image.authors="ops team"',
      good: '# labelSchema: { org.opencontainers.image.authors: email }\nFROM debian:12\nLABEL org.opencontainers.image.authors="ops@example.com"',
    }),
  },
  'email',
  isEmail,
  (key) => `Label \`${key}\` is not a valid email format - must be conform to RFC5322.`,
);
