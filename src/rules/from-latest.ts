/** DL3007: `:latest` is a moving target. */
import type { Rule } from './types.js';
import { externalBaseImage } from './util/stage-scope.js';

export const fromLatest: Rule = {
  meta: {
    id: 'from-latest',
    aliases: ['DL3007'],
    severity: 'warning',
    title: 'Do not build on the latest tag',
    practice:
      '`latest` changes whenever upstream pushes, so rebuilds silently change base OS, size and vulnerabilities. Pin a version tag, and a digest where supply-chain integrity matters.',
    source: 'hadolint',
    fixable: false,
    docs: [
      'Reports `FROM image:latest` (after ARG expansion). A reference that also pins a digest (`image:latest@sha256:...`)',
      'is fixed content and not reported.',
      '',
      'Bad:',
      '```dockerfile',
      'FROM ubuntu:latest',
      '```',
      'Good:',
      '```dockerfile',
      'FROM ubuntu:24.04',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const base = externalBaseImage(stage);
      if (!base || base.ref.tag !== 'latest' || base.ref.digest !== undefined) continue;
      context.report({
        range: stage.from.imageRange,
        message: `Using latest is prone to errors if the image will ever update: pin a version of "${base.ref.name}" instead of "latest"`,
      });
    }
  },
};
