import { isAllowedBaseImage } from '../../rules/allowed-base-image.js';
import { isTrustedRegistry } from '../../rules/trusted-registry.js';
import { parseImageRef, referenceSpellings } from '../../rules/util/images.js';
import type { K8sCheck } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

/**
 * Whether an image reference is allowed: an entry with a `/` is an image glob (as lint's allowedBaseImages,
 * matched against every spelling of the reference), an entry without one a registry host (as trustedRegistries).
 */
export function isAllowedImage(ref: string, allowed: readonly string[]): boolean {
  const parsed = parseImageRef(ref);
  if (!parsed) return false;
  const hosts = allowed.filter((a) => !a.includes('/'));
  const globs = allowed.filter((a) => a.includes('/'));
  return isTrustedRegistry(parsed.registry, hosts) || isAllowedBaseImage([ref.trim(), ...referenceSpellings(parsed)], globs);
}

export const imageRegistry: K8sCheck = {
  meta: meta({
    id: 'image-registry-not-allowed',
    severity: 'error',
    title: 'Images come from approved registries',
    practice:
      'Approved images are the ones a company patches, scans and supports, often published by the security team to an internal registry; a workload that pulls from anywhere else runs code outside that process. Active when k8s.allowedRegistries is set, or else lint.trustedRegistries / lint.allowedBaseImages (the same list `whittle lint` applies to FROM).',
    source: 'seeds/000 (approved base images from the organization\'s registry)',
    bad: '# k8s: {allowedRegistries: [registry.corp.example]}\nimage: docker.io/library/nginx:1.27',
    good: 'image: registry.corp.example/mirror/nginx:1.27',
  }),
  check(ctx) {
    if (ctx.allowedRegistries.length === 0) return;
    for (const c of ctx.workload.containers) {
      const ref = c.spec.image;
      // A templated reference (`{{ .Values.image }}`, `$(IMAGE)`) is not judged: its value is unknown here.
      if (typeof ref !== 'string' || ref.trim() === '' || /[{$]/.test(ref) || isAllowedImage(ref, ctx.allowedRegistries)) continue;
      const why = parseImageRef(ref) ? `comes from ${parseImageRef(ref)!.registry}` : 'is not a valid image reference';
      ctx.report({ at: containerField(c, ['image']), message: `${label(c)}: image "${ref}" ${why}, not from an allowed registry (${ctx.allowedRegistries.join(', ')})` });
    }
  },
};
