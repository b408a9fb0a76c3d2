/** A company's approved base images: every FROM must match one of config.allowedBaseImages. */
import type { Rule } from './types.js';
import { globToRegExp, referenceSpellings } from './util/images.js';
import { externalBaseImage } from './util/stage-scope.js';

export function isAllowedBaseImage(spellings: readonly string[], patterns: readonly string[]): boolean {
  return patterns.some((p) => p.trim() && spellings.some((s) => globToRegExp(p.trim()).test(s)));
}

export const allowedBaseImage: Rule = {
  meta: {
    id: 'allowed-base-image',
    aliases: [],
    severity: 'error',
    title: 'Build only on approved base images',
    practice:
      'Approved base images are the ones a company patches, scans and supports; an image built on anything else is outside that process until someone notices.',
    source: 'whittle',
    fixable: false,
    docs: [
      'Active when `allowedBaseImages` is set in the config: glob patterns (`*` matches any run of characters) matched',
      'against the reference as written after ARG expansion and against its fully qualified form, with and without tag',
      'and digest, so `python`, `python:3.12-*`, `docker.io/library/python:*` and `registry.corp/base/*` all work.',
      'Every stage is judged (build stages run code too); stage references and `scratch` are not images and are skipped.',
      '',
      'With `allowedBaseImages: ["registry.corp/base/*"]`, bad:',
      '```dockerfile',
      'FROM node:22-alpine',
      '```',
      'Good:',
      '```dockerfile',
      'FROM registry.corp/base/node:22-alpine',
      '```',
    ].join('\n'),
  },
  check(context) {
    const patterns = context.config.allowedBaseImages;
    if (!patterns || patterns.length === 0) return;
    for (const stage of context.dockerfile.stages) {
      const base = externalBaseImage(stage);
      if (!base) {
        // An image that is neither a stage, scratch, nor parseable must not slip through an allow-list.
        const text = stage.from.imageExpanded.trim();
        if (stage.baseStage !== undefined || /^scratch$/i.test(text) || /\$/.test(text)) continue;
        context.report({ range: stage.from.imageRange, message: `Base image "${text}" is not a valid image reference and not on the approved list` });
        continue;
      }
      if (isAllowedBaseImage([base.text, ...referenceSpellings(base.ref)], patterns)) continue;
      context.report({
        range: stage.from.imageRange,
        message: `Base image "${base.text}" is not on the approved list (allowedBaseImages: ${patterns.join(', ')})`,
      });
    }
  },
};
