/** DL3048: label keys that break Docker's key format. */
import type { Rule } from './types.js';
import { isValidLabelKey, labelPairs } from './util/labels.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelKeyValid: Rule = {
  meta: {
    id: 'label-key-valid',
    aliases: ['DL3048'],
    severity: 'style',
    title: 'Use valid label keys',
    practice:
      'Docker recommends reverse-DNS label keys of lower-case letters, digits, dots and dashes, and reserves the ' +
      'com.docker.*, io.docker.* and org.dockerproject.* namespaces; tools that read labels rely on that format.',
    source: 'hadolint',
    fixable: false,
    keywords: ['LABEL'],
    docs: ruleDocs({
      summary:
        'Reports label keys that do not start with a lower-case letter, do not end with a letter or digit, contain ' +
        'other characters than `a-z0-9.-`, contain `..` or `--`, or use a reserved namespace.',
      bad: 'FROM debian:12\nLABEL Maintainer="me@example.com" com.docker.version=1',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.authors="me@example.com"',
    }),
  },
  check(context) {
    for (const { pair } of labelPairs(context)) {
      if (pair.key.includes('$') || isValidLabelKey(pair.key)) continue;
      context.report({ range: pair.range, message: `Invalid label key \`${pair.key}\`.` });
    }
  },
};
