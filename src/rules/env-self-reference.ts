/** DL3044: `ENV A=1 B=$A` reads the old A, not the one defined beside it. */
import type { Rule } from './types.js';
import { declaredNamesBefore, withTriggers } from './util/stage-scope.js';
import { variableRefs } from './util/var-refs.js';

export const envSelfReference: Rule = {
  meta: {
    id: 'env-self-reference',
    aliases: ['DL3044'],
    severity: 'error',
    title: 'Do not use a variable in the same ENV that defines it',
    practice:
      'All values of one ENV are expanded before any of its variables is set, so `ENV A=1 B=$A` gives B the previous (often empty) A. Split it into two ENV instructions.',
    source: 'hadolint',
    fixable: false,
    keywords: ['ENV'],
    docs: [
      'Not reported when the variable already had a value from an earlier ARG or ENV, or for `ENV PATH=/x:$PATH`',
      '(a variable extending itself).',
      '',
      'Bad:',
      '```dockerfile',
      'ENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin',
      '```',
      'Good:',
      '```dockerfile',
      'ENV APP_HOME=/srv/app',
      'ENV APP_BIN=$APP_HOME/bin',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const instruction of withTriggers(df.instructions)) {
      if (instruction.keyword !== 'ENV' || instruction.pairs.length < 2) continue;
      const before = instruction.onbuildParent ? new Set<string>() : declaredNamesBefore(df, instruction);
      instruction.pairs.forEach((pair, index) => {
        const others = new Set(instruction.pairs.filter((_, i) => i !== index).map((p) => p.key));
        const used = variableRefs(pair.rawValue, df.escape).find((r) => others.has(r.name) && r.name !== pair.key && !before.has(r.name));
        if (!used) return;
        context.report({
          range: pair.range,
          message: `Do not refer to an environment variable within the same ENV statement where it is defined: ${pair.key} uses $${used.name}, which still has its value from before this ENV`,
        });
      });
    }
  },
};
