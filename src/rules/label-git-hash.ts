/** DL3055: schema labels of type `hash` whose value is not valid. */
import type { Rule } from './types.js';
import { isGitHash, labelTypeRule } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelGitHash: Rule = labelTypeRule(
  {
    id: 'label-git-hash',
    aliases: ['DL3055'],
    severity: 'warning',
    title: 'Use a git commit id in revision labels',
    practice: 'A revision label ties an image to the exact commit it was built from; it must be a commit id (lower-case hex), not a branch or tag.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports labels the schema types as `hash` whose value (after ARG/ENV expansion) is not a git commit id (7 to 40 lower-case hex digits, or 64). ' +
        'Values that come from variables the Dockerfile does not define are not judged.',
      bad: '# labelSchema: { org.opencontainers.image.revision: hash }\nFROM debian:12\nLABEL org.opencontainers.image.revision="main"',
      good: '# labelSchema: { org.opencontainers.image.revision: hash }\nFROM debian:12\nLABEL org.opencontainers.image.revision="3f786850e387550fdab836ed7e6dc881de23001b"',
    }),
  },
  'hash',
  isGitHash,
  (key) => `Label \`${key}\` is not a valid git hash.`,
);
