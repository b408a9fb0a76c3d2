/**
 * What `whittle k8s` runs with: the config file's `k8s:` section (and lint's registry lists as the default
 * allow-list), overridden by the command line. Pure: the action loads the config and hands it in.
 */
import type { LoadedConfig } from '../config/load.js';
import { ConfigError } from '../core/errors.js';
import type { Severity } from '../core/finding.js';
import { checksNamed } from './check-names.js';
import type { K8sCheck } from './types.js';

export interface K8sCliSettings {
  failureThreshold?: Severity | 'none';
  ignore?: readonly string[];
  /** `NAME=SOURCE` values of --image. */
  image?: readonly string[];
  allowedRegistry?: readonly string[];
}

export interface K8sSettings {
  /** Check ids and aliases never reported (config `ignored`, overrides set to off, --ignore). */
  ignored: string[];
  /** Check id to the severity it reports with. */
  severityOverrides: Record<string, Severity>;
  failureThreshold: Severity;
  noFail: boolean;
  allowedRegistries: string[];
  images: Array<{ name: string; source: string }>;
}

export function parseImageOptions(values: readonly string[]): Array<{ name: string; source: string }> {
  const seen = new Set<string>();
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new ConfigError(`--image expects NAME=SOURCE (e.g. web:1.4=oci:./web-layout), got "${v}"`);
    const name = v.slice(0, eq);
    if (seen.has(name)) throw new ConfigError(`--image ${name} is given twice`);
    seen.add(name);
    return { name, source: v.slice(eq + 1) };
  });
}

/**
 * Overrides by alias first, then by check id, so `pod-probes: info` with `liveness-probe-missing: error`
 * leaves liveness at error whatever order the file lists them in.
 */
function resolveOverrides(overrides: Readonly<Record<string, Severity | 'off'>>, checks: readonly K8sCheck[]): { severities: Record<string, Severity>; off: string[] } {
  const severities: Record<string, Severity> = {};
  const off = new Set<string>();
  const entries = Object.entries(overrides);
  const isId = (name: string): boolean => checks.some((c) => c.meta.id === name);
  for (const [name, level] of [...entries.filter(([n]) => !isId(n)), ...entries.filter(([n]) => isId(n))]) {
    for (const check of checksNamed(name, checks)) {
      if (level === 'off') off.add(check.meta.id);
      else {
        off.delete(check.meta.id);
        severities[check.meta.id] = level;
      }
    }
  }
  return { severities, off: [...off] };
}

export function k8sSettings(config: Pick<LoadedConfig, 'k8s' | 'lint'>, cli: K8sCliSettings, checks: readonly K8sCheck[]): K8sSettings {
  for (const name of cli.ignore ?? []) {
    if (checksNamed(name, checks).length === 0) throw new ConfigError(`unknown check "${name}" in --ignore`);
  }
  const k8s = config.k8s;
  const { severities, off } = resolveOverrides(k8s.severityOverrides ?? {}, checks);
  const threshold = cli.failureThreshold ?? k8s.failureThreshold ?? 'info';
  const cliImages = parseImageOptions(cli.image ?? []);
  const fromFile = Object.entries(k8s.images ?? {})
    .filter(([name]) => !cliImages.some((i) => i.name === name))
    .map(([name, source]) => ({ name, source }));
  return {
    ignored: [...(k8s.ignored ?? []), ...off, ...(cli.ignore ?? [])],
    severityOverrides: severities,
    failureThreshold: threshold === 'none' ? 'info' : threshold,
    noFail: threshold === 'none',
    allowedRegistries: cli.allowedRegistry?.length
      ? [...cli.allowedRegistry]
      : (k8s.allowedRegistries ?? [...config.lint.trustedRegistries, ...config.lint.allowedBaseImages]),
    images: [...fromFile, ...cliImages],
  };
}
