import { isMap, isSeq } from 'yaml';
import { isSecretEnv } from '../../analyze/config.js';
import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { valueOf } from '../yaml-nodes.js';
import { containerSpan, fieldSpan } from '../where.js';
import { label, meta } from './util.js';

export const secretEnv: K8sCheck = {
  meta: meta({
    id: 'secret-in-env',
    aliases: ['env-var-secret'],
    severity: 'error',
    title: 'Secrets come from a Secret, not a literal env value',
    practice:
      'Configuration is injected at run time, and sensitive values through Secrets (secretKeyRef), so the manifest in git and `kubectl get -o yaml` do not carry the password.',
    source: SEED.runtimeConfig,
    bad: 'env:\n  - name: DB_PASSWORD\n    value: changeme',
    good: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const envNode = valueOf(c.node, 'env');
      const nodes = isSeq(envNode) ? envNode.items : [];
      asArray(c.spec.env).forEach((e, i) => {
        const { name, value } = asRecord(e);
        if (typeof name !== 'string' || value === undefined || value === null) return;
        const text = String(value);
        // `$(OTHER_VAR)` refers to another variable: no literal secret.
        if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(text) || !isSecretEnv(name, text)) return;
        const node = nodes[i];
        const at = isMap(node) ? fieldSpan(node, ['value'], containerSpan(c)) : containerSpan(c);
        // Never the value: it is a credential.
        ctx.report({ at, message: `${label(c)}: env ${name} holds a literal secret (value redacted); use valueFrom.secretKeyRef` });
      });
    }
  },
};
