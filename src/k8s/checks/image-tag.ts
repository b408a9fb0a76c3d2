import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

/** The tag of an image reference: null when it has none; digests are reported by the caller. */
export function tagOf(ref: string): string | null {
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : null;
}

/** latest or no tag, and no digest: the image can change under the same name. */
export function isMutableRef(ref: string): boolean {
  if (ref.includes('@sha256:')) return false;
  const tag = tagOf(ref);
  return tag === null || tag === 'latest';
}

export const imageTag: K8sCheck = {
  meta: meta({
    id: 'image-tag-unpinned',
    aliases: ['latest-tag', 'container-image-tag', 'tagNotSpecified'],
    severity: 'warning',
    title: 'Images are pinned to a version tag or a digest',
    practice:
      'With no tag or `latest`, two nodes can run two different images under one name, and a rollback does not roll back. Pin a version tag, or a digest for full reproducibility.',
    source: SEED.runtimeConfig,
    bad: 'image: registry.example.com/web:latest',
    good: 'image: registry.example.com/web:1.4.2@sha256:…',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const ref = c.spec.image;
      if (typeof ref !== 'string' || !isMutableRef(ref)) continue;
      const why = tagOf(ref) === null ? 'has no tag' : 'uses the latest tag';
      ctx.report({ at: containerField(c, ['image']), message: `${label(c)}: image "${ref}" ${why}; pin a version tag or a digest` });
    }
  },
};
