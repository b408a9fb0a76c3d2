/** DL3052: schema labels of type `url` whose value is not valid. */
import type { Rule } from './types.js';
import { isUrl, labelTypeRule } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelUrl: Rule = labelTypeRule(
  {
    id: 'label-url',
    aliases: ['DL3052'],
    severity: 'warning',
    title: 'Use a valid URL in URL labels',
    practice: 'Labels such as the source repository or documentation link are followed by tools and people; a malformed URL breaks that trail.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports labels the schema types as `url` whose value (after ARG/ENV expansion) is not an absolute URL with a scheme. ' +
        'Values that come from variables the Dockerfile does not define are not judged.',
      bad: '# labelSchema: { org.opencontainers.image.source: url }\nFROM debian:12\nLABEL org.opencontainers.image.source="github.com/acme/app"',
      good: '# labelSchema: { org.opencontainers.image.source: url }\nFROM debian:12\nLABEL org.opencontainers.image.source="https://github.com/acme/app"',
    }),
  },
  'url',
  isUrl,
  (key) => `Label \`${key}\` is not a valid URL.`,
);
