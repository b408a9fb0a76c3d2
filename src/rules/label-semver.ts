/** DL3056: schema labels of type `semver` whose value is not valid. */
import type { Rule } from './types.js';
import { isSemver, labelTypeRule } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelSemver: Rule = labelTypeRule(
  {
    id: 'label-semver',
    aliases: ['DL3056'],
    severity: 'warning',
    title: 'Use semantic versions in version labels',
    practice: 'Version labels are compared by tools and people; Semantic Versioning (`1.4.2`, `2.0.0-rc.1`) makes that comparison well defined.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports labels the schema types as `semver` whose value (after ARG/ENV expansion) does not conform to Semantic Versioning 2.0.0. ' +
        'Values that come from variables the Dockerfile does not define are not judged.',
      bad: '# labelSchema: { org.opencontainers.image.version: semver }\nFROM debian:12\nLABEL org.opencontainers.image.version="v1.4"',
      good: '# labelSchema: { org.opencontainers.image.version: semver }\nFROM debian:12\nLABEL org.opencontainers.image.version="1.4.2"',
    }),
  },
  'semver',
  isSemver,
  (key) => `Label \`${key}\` does not conform to semantic versioning.`,
);
