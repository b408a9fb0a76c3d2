/** DL3054: schema labels of type `spdx` whose value is not valid. */
import type { Rule } from './types.js';
import { isSpdx, labelTypeRule } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelSpdx: Rule = labelTypeRule(
  {
    id: 'label-spdx',
    aliases: ['DL3054'],
    severity: 'warning',
    title: 'Use SPDX license expressions in license labels',
    practice: 'License scanners and SBOM tools read the license label; only SPDX identifiers and expressions (`Apache-2.0`, `MIT OR Apache-2.0`) are machine-readable.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports labels the schema types as `spdx` whose value (after ARG/ENV expansion) is not a valid SPDX license expression. ' +
        'Values that come from variables the Dockerfile does not define are not judged.',
      bad: '# labelSchema: { org.opencontainers.image.licenses: spdx }\nFROM debian:12\nLABEL org.opencontainers.image.licenses="Apache License 2"',
      good: '# labelSchema: { org.opencontainers.image.licenses: spdx }\nFROM debian:12\nLABEL org.opencontainers.image.licenses="Apache-2.0"',
    }),
  },
  'spdx',
  isSpdx,
  (key) => `Label \`${key}\` is not a valid SPDX identifier.`,
);
