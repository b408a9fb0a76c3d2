import { replaceImage } from '../fixes.js';
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

/** The reference without its tag. */
function repositoryOf(ref: string): string {
  const tag = tagOf(ref);
  return tag === null ? ref : ref.slice(0, -(tag.length + 1));
}

/** latest or no tag, and no digest: the image can change under the same name. */
export function isMutableRef(ref: string): boolean {
  if (ref.includes('@sha256:')) return false;
  const tag = tagOf(ref);
  return tag === null || tag === 'latest';
}

/** `repo:tag@sha256:...`: the tag stays for readers (as `kubectl set image` users write it), the digest decides. */
export function pinnedRef(ref: string, digest: string): string {
  return `${ref.split('@')[0]!}@${digest}`;
}

export const imageTag: K8sCheck = {
  meta: meta({
    id: 'image-tag-unpinned',
    aliases: ['latest-tag', 'container-image-tag', 'tagNotSpecified'],
    severity: 'warning',
    fixable: true,
    title: 'Images are pinned to a version tag or a digest',
    practice:
      'With no tag or `latest`, two nodes can run two different images under one name, and a rollback does not roll back. Pin a version tag, or a digest for full reproducibility. `whittle k8s --fix` pins `REPO:TAG@sha256:…` when the image was opened with `--image`.',
    source: SEED.runtimeConfig,
    bad: 'image: registry.example.com/web:latest',
    good: 'image: registry.example.com/web:1.4.2@sha256:…',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const ref = c.spec.image;
      if (typeof ref !== 'string' || !isMutableRef(ref)) continue;
      const why = tagOf(ref) === null ? 'has no tag' : 'uses the latest tag';
      // Only an --image named by this reference or its repository: one matched by container name may be another image.
      const facts = ctx.image(c);
      const digest = facts && (facts.name === ref || facts.name === repositoryOf(ref)) ? facts.digest : undefined;
      const at = containerField(c, ['image']);
      if (digest === undefined) {
        const how = `get its digest with \`crane digest ${ref}\` or \`skopeo inspect --format '{{.Digest}}' docker://${ref}\``;
        ctx.report({ at, message: `${label(c)}: image "${ref}" ${why}; pin a version tag or a digest (${how})` });
        continue;
      }
      const pinned = pinnedRef(ref, digest);
      const fix = replaceImage(c, pinned);
      ctx.report({ at, message: `${label(c)}: image "${ref}" ${why}; pin it by the digest of the --image it was checked against: ${pinned}`, ...(fix ? { fix } : {}) });
    }
  },
};
