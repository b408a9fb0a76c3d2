import { argvOf, flagWords, shellScript } from '../command.js';
import { asArray } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

/** Flags that name where another service is: these differ per environment. */
const ENDPOINT_FLAG = /^--?(?:[\w.]+[-_.])?(?:url|uri|host|hostname|endpoint|addr|address|dsn|server|servers|brokers?)$/i;
/** Where the container itself listens or loops back (`:8080` too, below): the same everywhere. */
const LOCAL = /^(?:[a-z][\w+.-]*:\/\/)?(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1?\]?)(?:[:/]|$)/i;

/** `--db-host=db.prod.example.com`, `--api-url https://...`: literal endpoints, not variables or files. */
export function literalEndpoints(words: readonly string[]): string[] {
  const flags: string[] = [];
  for (const { flag, value } of flagWords(words)) {
    if (!ENDPOINT_FLAG.test(flag)) continue;
    if (value === '' || value.startsWith('-') || /^(:\d+|true|false|\d+)$/i.test(value) || /^\$[({]?[A-Za-z_]/.test(value) || value.startsWith('/') || LOCAL.test(value)) continue;
    flags.push(flag);
  }
  return flags;
}

export const configInCommand: K8sCheck = {
  meta: meta({
    id: 'config-in-command',
    severity: 'info',
    title: 'Endpoints come from a ConfigMap, not the command line',
    practice:
      'The same image and manifest should run in every environment, with what differs (database hosts, service URLs) injected at run time. A literal endpoint in `args` ties the manifest to one environment; put it in a ConfigMap and pass it as an env var ($(VAR)) or a mounted file.',
    source: SEED.runtimeConfig,
    bad: 'args: ["--db-host=db.prod.example.com"]',
    good: 'env:\n  - name: DB_HOST\n    valueFrom:\n      configMapKeyRef: {name: app-config, key: db-host}\nargs: ["--db-host=$(DB_HOST)"]',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const argv = argvOf(c);
      const script = shellScript(argv);
      const flags = [...new Set([...literalEndpoints(argv), ...(script === null ? [] : literalEndpoints(script.split(/\s+/)))])];
      if (flags.length === 0) continue;
      const args = asArray(c.spec.args).filter((a): a is string => typeof a === 'string');
      const at = containerField(c, [literalEndpoints(args).length ? 'args' : 'command']);
      ctx.report({ at, message: `${label(c)}: ${flags.join(', ')} ${flags.length === 1 ? 'is' : 'are'} written into the command line; inject ${flags.length === 1 ? 'it' : 'them'} from a ConfigMap (env configMapKeyRef as $(VAR))` });
    }
  },
};
