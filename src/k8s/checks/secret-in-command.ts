import { isScalar, isSeq } from 'yaml';
import type { Scalar } from 'yaml';
import { isSecretEnv } from '../../analyze/config.js';
import type { ContainerRef } from '../model.js';
import { flagWords, shellScript } from '../command.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { nodeSpan, valueOf } from '../yaml-nodes.js';
import { label, meta } from './util.js';

/** A flag whose last word names a secret: --db-password, --client-secret, --auth-token, --api-key (not --token-ttl, --secret-name). */
const SECRET_FLAG = /^--?(?:[\w.]+[-_.])?(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|secret[-_]?key|private[-_]?key|credentials?)$/i;

/** Values that are no literal secret: variables ($(VAR), ${VAR}, $VAR), files (/run/secrets/x, @file, file:x) and empty. */
function isReference(value: string): boolean {
  return value === '' || /^\$[({]?[A-Za-z_]/.test(value) || /^(\/|@|file:|\.\.?\/)/.test(value);
}

export interface CommandSecret {
  /** The scalar (a command/args item) holding it. */
  node: Scalar;
  /** The flag, or `a URL's credentials` / `a token`; never the value. */
  what: string;
  /** The secret, to mask in code frames; never printed. */
  value: string;
}

/** Secrets in `--flag=value`, `--flag value` and known token shapes among words (an argv, or a `sh -c` script split on spaces). */
function secretsIn(words: readonly string[]): Array<{ what: string; value: string }> {
  const out: Array<{ what: string; value: string }> = [];
  for (const { index, unquoted, flag, value, inline } of flagWords(words)) {
    if (SECRET_FLAG.test(flag) && (inline || (index + 1 < words.length && !value.startsWith('-'))) && !isReference(value)) {
      out.push({ what: flag, value });
    } else if (isSecretEnv('_', unquoted)) out.push({ what: /:\/\/[^@\s]+@/.test(unquoted) ? "a URL's credentials" : 'a token', value: unquoted });
  }
  return out;
}

/** Every literal secret in a container's command and args, with the scalar it sits in. */
export function commandSecrets(container: ContainerRef): CommandSecret[] {
  const items: Scalar[] = [];
  for (const field of ['command', 'args']) {
    const seq = valueOf(container.node, field);
    if (isSeq(seq)) for (const item of seq.items) if (isScalar(item) && typeof item.value === 'string') items.push(item);
  }
  const argv = items.map((n) => n.value as string);
  const out: CommandSecret[] = [];
  for (const s of secretsIn(argv)) {
    const node = items.find((n) => (n.value as string).includes(s.value)) ?? items[0]!;
    out.push({ node, ...s });
  }
  const script = shellScript(argv);
  const scriptNode = script === null ? undefined : items.find((n) => n.value === script);
  if (scriptNode && script !== null) {
    for (const s of secretsIn(script.split(/\s+/).filter(Boolean))) out.push({ node: scriptNode, ...s });
  }
  return out;
}

export const secretInCommand: K8sCheck = {
  meta: meta({
    id: 'secret-in-command',
    severity: 'error',
    title: 'Secrets are not written into command lines',
    practice:
      'A password in `command` or `args` is in the manifest in git, in `kubectl get -o yaml` and in every `ps` on the node. Inject it at run time from a Secret: an env var with secretKeyRef, referenced as $(VAR), or a mounted file.',
    source: SEED.runtimeConfig,
    bad: 'args: ["--db-password=changeme"]',
    good: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\nargs: ["--db-password=$(DB_PASSWORD)"]',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      for (const s of commandSecrets(c)) {
        const at = nodeSpan(s.node) ?? { start: 0, end: 0 };
        // Never the value: it is a credential.
        ctx.report({ at, message: `${label(c)}: the command line holds a literal secret (${s.what}, value redacted); pass it from a Secret (env secretKeyRef as $(VAR), or a mounted file)` });
      }
    }
  },
};
