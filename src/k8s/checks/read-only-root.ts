import { addSecurityField } from '../fixes.js';
import { containerSecurity } from '../security.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { label, meta } from './util.js';

export const readOnlyRoot: K8sCheck = {
  meta: meta({
    id: 'read-only-root-filesystem',
    aliases: ['no-read-only-root-fs', 'notReadOnlyRootFilesystem', 'container-security-context-readonlyrootfilesystem'],
    severity: 'warning',
    title: 'The root file system is read-only',
    practice: 'State belongs in volumes, not in the container: a read-only root stops an intruder from dropping tools and keeps the container replaceable.',
    source: SEED.security,
    fixable: true,
    bad: 'securityContext: {}',
    good: 'securityContext:\n  readOnlyRootFilesystem: true',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const v = containerSecurity(c, 'readOnlyRootFilesystem');
      if (v.value === true) continue;
      const fix = v.value === undefined ? addSecurityField(ctx.file, c, ['readOnlyRootFilesystem'], 'true') : undefined;
      ctx.report({ at: v.at, message: `${label(c)}: root file system is writable (readOnlyRootFilesystem is not true)`, ...(fix ? { fix } : {}) });
    }
  },
};
