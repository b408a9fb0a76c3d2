/** DL4000 / MaintainerDeprecated: MAINTAINER is deprecated in favour of a label. */
import type { Rule } from './types.js';
import { withTriggers } from './util/stage-scope.js';

export const AUTHORS_LABEL = 'org.opencontainers.image.authors';

export const maintainerDeprecated: Rule = {
  meta: {
    id: 'maintainer-deprecated',
    aliases: ['DL4000', 'MaintainerDeprecated'],
    severity: 'error',
    title: 'Use LABEL org.opencontainers.image.authors instead of MAINTAINER',
    practice: 'MAINTAINER is deprecated; the OCI authors label is what registries, scanners and `docker inspect` show.',
    source: 'hadolint, buildkit',
    fixable: true,
    keywords: ['MAINTAINER'],
    docs: [
      'Bad:',
      '```dockerfile',
      'MAINTAINER Jane Doe <jane@example.com>',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    const escape = df.escape;
    for (const instruction of withTriggers(df.instructions)) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      // MAINTAINER takes its text literally; in a double-quoted LABEL value `"`, `$` and the escape character are special.
      const value = instruction.maintainer.trim().replace(/["$]|\\|`/g, (c) => (c === '"' || c === '$' || c === escape ? `${escape}${c}` : c));
      const keyword = instruction.rawKeyword === instruction.rawKeyword.toLowerCase() ? 'label' : 'LABEL';
      context.report({
        range: instruction.keywordRange,
        message: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors instead',
        fix: [{ start: instruction.range.start.offset, end: instruction.range.end.offset, replacement: `${keyword} ${AUTHORS_LABEL}="${value}"` }],
      });
    }
  },
};
