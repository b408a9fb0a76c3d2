/** DL3006: an untagged FROM pulls whatever `latest` is today. */
import type { Rule } from './types.js';
import { externalBaseImage } from './util/stage-scope.js';

export const fromUntagged: Rule = {
  meta: {
    id: 'from-untagged',
    aliases: ['DL3006'],
    severity: 'warning',
    title: 'Tag the base image explicitly',
    practice:
      'An untagged base image means `latest`, which moves: the same Dockerfile builds a different, possibly much larger or broken image tomorrow. Pin a version tag (or a digest) so builds are reproducible.',
    source: 'hadolint',
    fixable: false,
    docs: [
      'Judged after ARG expansion: `FROM ${BASE}` with `ARG BASE=python:3.12-slim` is tagged. Stage names, `scratch`',
      'and references whose variables have no value are not judged.',
      '',
      'Bad:',
      '```dockerfile',
      'FROM node',
      '```',
      'Good:',
      '```dockerfile',
      'FROM node:22-alpine',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const base = externalBaseImage(stage);
      if (!base || base.ref.tag !== undefined || base.ref.digest !== undefined) continue;
      context.report({
        range: stage.from.imageRange,
        message: `Always tag the version of an image explicitly: "${base.text}" pulls whatever "latest" is at build time`,
      });
    }
  },
};
