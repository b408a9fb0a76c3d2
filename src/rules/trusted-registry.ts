/** DL3026: base images only from the registries the config trusts. */
import type { Rule } from './types.js';
import { globToRegExp, isDockerHub } from './util/images.js';
import { externalBaseImage } from './util/stage-scope.js';

/** Whether a registry host is one of the trusted ones (`*` globs allowed; every Docker Hub alias counts as docker.io). */
export function isTrustedRegistry(registry: string, trusted: readonly string[]): boolean {
  return trusted.some((entry) => {
    const pattern = entry.trim();
    if (!pattern) return false;
    if (isDockerHub(pattern) && isDockerHub(registry)) return true;
    return globToRegExp(pattern).test(registry);
  });
}

export const trustedRegistry: Rule = {
  meta: {
    id: 'trusted-registry',
    aliases: ['DL3026'],
    severity: 'error',
    title: 'Pull base images only from trusted registries',
    practice:
      'A base image is code you run with your application; pulling it only from registries you trust (a mirror, a vetted vendor) keeps unknown publishers out of the supply chain.',
    source: 'hadolint',
    fixable: false,
    docs: [
      'Active when `trustedRegistries` is set in the config. An image without a registry comes from Docker Hub (`docker.io`;',
      '`hub.docker.com` and `index.docker.io` mean the same). Entries may use `*` (`*.corp.example`). Stage references,',
      '`scratch` and references whose variables have no value are not judged.',
      '',
      'With `trustedRegistries: [registry.corp.example]`, bad:',
      '```dockerfile',
      'FROM python:3.12-slim',
      '```',
      'Good:',
      '```dockerfile',
      'FROM registry.corp.example/python:3.12-slim',
      '```',
    ].join('\n'),
  },
  check(context) {
    const trusted = context.config.trustedRegistries;
    if (trusted.length === 0) return;
    for (const stage of context.dockerfile.stages) {
      const base = externalBaseImage(stage);
      if (!base || isTrustedRegistry(base.ref.registry, trusted)) continue;
      context.report({
        range: stage.from.imageRange,
        message: `Use only an allowed registry in the FROM image: "${base.text}" comes from ${base.ref.registry}, not one of ${trusted.join(', ')}`,
      });
    }
  },
};
