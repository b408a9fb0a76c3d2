/** DL3023: a stage cannot COPY --from itself. */
import type { Rule } from './types.js';
import { copyFromRefs } from './util/copy-from.js';

export const copyFromOwnStage: Rule = {
  meta: {
    id: 'copy-from-own-stage',
    aliases: ['DL3023'],
    severity: 'error',
    title: 'COPY --from must not name its own stage',
    practice: 'A stage cannot read from itself while it is being built; BuildKit reports a circular dependency.',
    source: 'hadolint',
    fixable: false,
    keywords: ['COPY'],
    docs: [
      'Bad:',
      '```dockerfile',
      'FROM node:22 AS build',
      'COPY --from=build /app/dist /dist',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const { stage, from, value } of copyFromRefs(context)) {
      const name = value.toLowerCase();
      const own = (stage.name !== undefined && name === stage.name) || name === String(stage.index);
      if (!own) continue;
      context.report({ range: from.range, message: `COPY --from references its own stage "${from.value}"` });
    }
  },
};
