/** DL3051: schema labels set to an empty value. */
import type { Rule } from './types.js';
import { labelPairs, labelValue } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelEmpty: Rule = {
  meta: {
    id: 'label-empty',
    aliases: ['DL3051'],
    severity: 'warning',
    title: 'Do not leave a schema label empty',
    practice: 'An empty required label passes a presence check but tells nothing; it usually means a build argument was not passed.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports a label of the schema whose value is empty, also after ARG/ENV ' +
        'expansion (`LABEL version=$VERSION` with `ARG VERSION=`).',
      bad: '# labelSchema: { org.opencontainers.image.version: semver }\nFROM debian:12\nLABEL org.opencontainers.image.version=""',
      good: '# labelSchema: { org.opencontainers.image.version: semver }\nFROM debian:12\nLABEL org.opencontainers.image.version="1.4.2"',
    }),
  },
  check(context) {
    const schema = context.config.labelSchema;
    for (const lp of labelPairs(context)) {
      if (!Object.hasOwn(schema, lp.pair.key)) continue;
      const value = labelValue(context, lp);
      if (value === undefined || value.trim() !== '') continue;
      context.report({ range: lp.pair.range, message: `Label \`${lp.pair.key}\` is empty.` });
    }
  },
};
