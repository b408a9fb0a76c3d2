import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { isMutableRef } from './image-tag.js';
import { label, meta } from './util.js';

export const pullPolicy: K8sCheck = {
  meta: meta({
    id: 'image-pull-policy-mismatch',
    aliases: ['container-image-pull-policy', 'pullPolicyNotAlways'],
    severity: 'warning',
    title: 'imagePullPolicy fits the tag',
    practice:
      'A mutable tag (latest, none) with imagePullPolicy IfNotPresent or Never runs whatever each node cached first: nodes disagree on the version. Pin the tag, or pull Always.',
    source: SEED.runtimeConfig,
    bad: 'image: web:latest\nimagePullPolicy: IfNotPresent',
    good: 'image: web:1.4.2\nimagePullPolicy: IfNotPresent',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const ref = c.spec.image;
      const policy = c.spec.imagePullPolicy;
      if (typeof ref !== 'string' || !isMutableRef(ref)) continue;
      if (policy !== 'IfNotPresent' && policy !== 'Never') continue;
      ctx.report({
        at: containerField(c, ['imagePullPolicy']),
        message: `${label(c)}: imagePullPolicy ${policy} with the mutable image "${ref}": each node keeps whatever version it pulled first`,
      });
    }
  },
};
