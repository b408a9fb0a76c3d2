/** DL1001: inline ignore pragmas hide findings where reviewers do not look; opt-in, as in hadolint. */
import { readPragmas } from '../lint/pragmas.js';
import type { Rule } from './types.js';
import { rangeOf, lineIndex } from './util/text-locate.js';

export const inlineIgnorePragma: Rule = {
  meta: {
    id: 'inline-ignore-pragma',
    aliases: ['DL1001'],
    severity: 'info',
    optIn: true,
    title: 'Avoid inline ignore pragmas',
    practice:
      'An inline `# hadolint ignore=` or `# whittle ignore=` silences a rule for one instruction where no reviewer of the config sees it; fix the finding or ignore the rule in the config instead.',
    source: 'hadolint',
    fixable: false,
    docs: [
      'Reports every inline ignore pragma. Off by default: enable it with `severityOverrides: { DL1001: info }`',
      '(hadolint: `override: { info: [DL1001] }`).',
      '',
      'Bad:',
      '```dockerfile',
      '# hadolint ignore=DL3008',
      'RUN apt-get install -y curl',
      '```',
      'Good: pin the package, or list the rule under `ignored` in `.whittle.yaml` with a reason.',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    const index = lineIndex(df);
    for (const pragma of readPragmas(df).comments) {
      const start = index.lineStart(pragma.line) + pragma.column - 1;
      const end = index.lineStart(pragma.line) + pragma.endColumn - 1;
      context.report({
        range: rangeOf(df, start, Math.max(start, end)),
        message: `Inline ignore pragma for ${pragma.rules.join(', ')}: fix the finding or ignore the rule in the config instead`,
      });
    }
  },
};
