/** DL3050: labels outside the schema when strict labels are on. */
import type { Rule } from './types.js';
import { labelPairs } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelSuperfluous: Rule = {
  meta: {
    id: 'label-superfluous',
    aliases: ['DL3050'],
    severity: 'info',
    title: 'Set only the labels the label schema lists (strict labels)',
    practice: 'With strict labels a team keeps image metadata to one agreed vocabulary, so every label means the same everywhere.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary: 'With `strictLabels: true`, reports every label whose key is not in `labelSchema`.',
      bad: '# labelSchema: { org.opencontainers.image.version: semver }, strictLabels: true\nFROM debian:12\nLABEL build-host=ci-7',
      good: '# labelSchema: { org.opencontainers.image.version: semver }, strictLabels: true\nFROM debian:12\nLABEL org.opencontainers.image.version="1.4.2"',
    }),
  },
  check(context) {
    if (!context.config.strictLabels) return;
    const schema = context.config.labelSchema;
    for (const { pair } of labelPairs(context)) {
      if (Object.hasOwn(schema, pair.key)) continue;
      context.report({ range: pair.range, message: `Superfluous label present: \`${pair.key}\` is not in the label schema.` });
    }
  },
};
