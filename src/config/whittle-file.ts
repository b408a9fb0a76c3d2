/** The `.whittle.yaml` layout: `lint:`, `inspect:`, `k8s:` and `bases:` sections, validated with positions. */
import { isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Severity } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';
import type { InspectConfig, K8sConfig, LabelType, LintRunConfig } from './types.js';
import { parseSize } from './sizes.js';
import { YamlSource } from './yaml-source.js';

export interface ParsedConfig {
  lint: Partial<LintRunConfig>;
  inspect: InspectConfig;
  /** The `k8s:` section; image sources as written (load.ts resolves relative paths). */
  k8s: K8sConfig;
  bases: unknown;
}

/** Says whether a rule id or alias exists; config files may only name rules whittle knows. */
export type RuleExists = (idOrAlias: string) => boolean;

export const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'email', 'rfc3339', 'semver', 'hash', 'spdx'];
/** The keys each section accepts (schema/whittle-config.schema.json lists the same; a test keeps them in step). */
export const LINT_KEYS = [
  'ignored',
  'override',
  'failureThreshold',
  'trustedRegistries',
  'allowedBaseImages',
  'labelSchema',
  'strictLabels',
  'buildArgs',
  'disableIgnorePragma',
] as const;
export const INSPECT_KEYS = ['maxSize', 'maxLayers', 'minEfficiency', 'maxWasted', 'forbidRoot', 'forbidShell'] as const;
export const K8S_KEYS = ['ignored', 'override', 'failureThreshold', 'allowedRegistries', 'images'] as const;

export function severityFrom(src: YamlSource, node: Node | null, what: string, extra: readonly string[] = []): string {
  const value = src.string(node, what).toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(value) && !extra.includes(value)) {
    throw src.error(node, `${what} must be one of ${[...SEVERITIES, ...extra].join(', ')}, not "${value}"`);
  }
  return value;
}

export function ruleList(src: YamlSource, node: Node | null, what: string, exists: RuleExists, noun = 'rule'): string[] {
  return src.stringList(node, what).map(({ value, node: item }) => {
    if (!exists(value)) throw src.error(item, `unknown ${noun} "${value}" in ${what}`);
    return value;
  });
}

export function labelSchemaFrom(src: YamlSource, node: Node | null, what: string): Record<string, LabelType> {
  const schema: Record<string, LabelType> = {};
  for (const e of src.entries(node, what)) {
    const type = src.string(e.value, `${what}.${e.key}`);
    if (!(LABEL_TYPES as readonly string[]).includes(type)) {
      throw src.error(e.value, `${what}.${e.key} must be one of ${LABEL_TYPES.join(', ')}, not "${type}"`);
    }
    schema[e.key] = type as LabelType;
  }
  return schema;
}

function overrideFrom(src: YamlSource, node: Node | null, exists: RuleExists, what = 'lint.override', noun = 'rule'): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  for (const e of src.entries(node, what)) {
    if ((SEVERITIES as readonly string[]).includes(e.key) && isSeq(e.value)) {
      // hadolint's layout: `override: { warning: [DL3008] }`.
      for (const rule of ruleList(src, e.value, `${what}.${e.key}`, exists, noun)) out[rule] = e.key as Severity;
      continue;
    }
    if (!exists(e.key)) throw src.error(e.keyNode, `unknown ${noun} "${e.key}" in ${what}`);
    out[e.key] = severityFrom(src, e.value, `${what}.${e.key}`, ['off']) as Severity | 'off';
  }
  return out;
}

function lintFrom(src: YamlSource, node: Node | null, exists: RuleExists): Partial<LintRunConfig> {
  const lint: Partial<LintRunConfig> = {};
  for (const e of src.entries(node, 'lint', LINT_KEYS)) {
    const what = `lint.${e.key}`;
    switch (e.key as (typeof LINT_KEYS)[number]) {
      case 'ignored':
        lint.ignored = ruleList(src, e.value, what, exists);
        break;
      case 'override':
        lint.severityOverrides = overrideFrom(src, e.value, exists);
        break;
      case 'failureThreshold': {
        const value = severityFrom(src, e.value, what, ['none']);
        if (value === 'none') lint.noFail = true;
        else lint.failureThreshold = value as Severity;
        break;
      }
      case 'trustedRegistries':
        lint.trustedRegistries = src.stringList(e.value, what).map((i) => i.value);
        break;
      case 'allowedBaseImages':
        lint.allowedBaseImages = src.stringList(e.value, what).map((i) => i.value);
        break;
      case 'labelSchema':
        lint.labelSchema = labelSchemaFrom(src, e.value, what);
        break;
      case 'strictLabels':
        lint.strictLabels = src.boolean(e.value, what);
        break;
      case 'disableIgnorePragma':
        lint.disableIgnorePragma = src.boolean(e.value, what);
        break;
      case 'buildArgs': {
        const args: Record<string, string> = {};
        for (const a of src.entries(e.value, what)) args[a.key] = src.string(a.value, `${what}.${a.key}`);
        lint.buildArgs = args;
        break;
      }
    }
  }
  return lint;
}

function sizeFrom(src: YamlSource, node: Node | null, what: string): number {
  const raw = node && 'value' in node ? (node as { value: unknown }).value : undefined;
  const bytes = typeof raw === 'string' || typeof raw === 'number' ? parseSize(raw) : null;
  if (bytes === null) throw src.error(node, `${what} must be a size like 200MB, 1.5GiB or a byte count`);
  return bytes;
}

function inspectFrom(src: YamlSource, node: Node | null): InspectConfig {
  const inspect: InspectConfig = {};
  for (const e of src.entries(node, 'inspect', INSPECT_KEYS)) {
    const what = `inspect.${e.key}`;
    switch (e.key as (typeof INSPECT_KEYS)[number]) {
      case 'maxSize':
        inspect.maxSize = sizeFrom(src, e.value, what);
        break;
      case 'maxWasted':
        inspect.maxWasted = sizeFrom(src, e.value, what);
        break;
      case 'maxLayers': {
        const n = src.number(e.value, what);
        if (!Number.isInteger(n) || n < 1) throw src.error(e.value, `${what} must be a whole number of at least 1`);
        inspect.maxLayers = n;
        break;
      }
      case 'minEfficiency': {
        const n = src.number(e.value, what);
        if (n < 0 || n > 1) throw src.error(e.value, `${what} must be between 0 and 1 (0.95 means 95%)`);
        inspect.minEfficiency = n;
        break;
      }
      case 'forbidRoot':
        inspect.forbidRoot = src.boolean(e.value, what);
        break;
      case 'forbidShell':
        inspect.forbidShell = src.boolean(e.value, what);
        break;
    }
  }
  return inspect;
}

/** `NAME=SOURCE` as `--image` takes it: a NAME with no `=` and a SOURCE that is not empty. */
function imagesFrom(src: YamlSource, node: Node | null, what: string): Record<string, string> {
  const images: Record<string, string> = {};
  for (const e of src.entries(node, what)) {
    if (e.key === '' || e.key.includes('=')) throw src.error(e.keyNode, `${what}: "${e.key}" is no image name (a container image reference, repository or container name)`);
    const source = src.string(e.value, `${what}.${e.key}`).trim();
    if (source === '') throw src.error(e.value, `${what}.${e.key} must name an image source (oci:DIR, docker-archive:FILE, a registry reference ...)`);
    images[e.key] = source;
  }
  return images;
}

function k8sFrom(src: YamlSource, node: Node | null, exists: RuleExists): K8sConfig {
  const k8s: K8sConfig = {};
  for (const e of src.entries(node, 'k8s', K8S_KEYS)) {
    const what = `k8s.${e.key}`;
    switch (e.key as (typeof K8S_KEYS)[number]) {
      case 'ignored':
        k8s.ignored = ruleList(src, e.value, what, exists, 'check');
        break;
      case 'override':
        k8s.severityOverrides = overrideFrom(src, e.value, exists, what, 'check');
        break;
      case 'failureThreshold':
        k8s.failureThreshold = severityFrom(src, e.value, what, ['none']) as Severity | 'none';
        break;
      case 'allowedRegistries':
        k8s.allowedRegistries = src.stringList(e.value, what).map(({ value, node: item }) => {
          if (value.trim() === '') throw src.error(item, `each item of ${what} must name a registry or an image pattern`);
          return value.trim();
        });
        break;
      case 'images':
        k8s.images = imagesFrom(src, e.value, what);
        break;
    }
  }
  return k8s;
}

/** `k8sExists` says whether a k8s check id or alias exists (the `k8s:` section names k8s checks, not Dockerfile rules). */
export function parseWhittleConfig(file: string, text: string, exists: RuleExists, k8sExists: RuleExists): ParsedConfig {
  const src = new YamlSource(file, text);
  let lint: Partial<LintRunConfig> = {};
  let inspect: InspectConfig = {};
  let k8s: K8sConfig = {};
  let bases: unknown = null;
  for (const e of src.entries(src.root, 'the config file', ['lint', 'inspect', 'k8s', 'bases'])) {
    if (e.key === 'lint') lint = lintFrom(src, e.value, exists);
    else if (e.key === 'inspect') inspect = inspectFrom(src, e.value);
    else if (e.key === 'k8s') k8s = k8sFrom(src, e.value, k8sExists);
    else bases = src.plain(e.value);
  }
  return { lint, inspect, k8s, bases };
}
