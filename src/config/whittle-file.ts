/** The `.whittle.yaml` layout: `lint:`, `inspect:` and `bases:` sections, validated with positions. */
import { isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Severity } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';
import type { InspectConfig, LabelType, LintRunConfig } from './types.js';
import { parseSize } from './sizes.js';
import { YamlSource } from './yaml-source.js';

export interface ParsedConfig {
  lint: Partial<LintRunConfig>;
  inspect: InspectConfig;
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

export function severityFrom(src: YamlSource, node: Node | null, what: string, extra: readonly string[] = []): string {
  const value = src.string(node, what).toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(value) && !extra.includes(value)) {
    throw src.error(node, `${what} must be one of ${[...SEVERITIES, ...extra].join(', ')}, not "${value}"`);
  }
  return value;
}

export function ruleList(src: YamlSource, node: Node | null, what: string, exists: RuleExists): string[] {
  return src.stringList(node, what).map(({ value, node: item }) => {
    if (!exists(value)) throw src.error(item, `unknown rule "${value}" in ${what}`);
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

function overrideFrom(src: YamlSource, node: Node | null, exists: RuleExists): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  for (const e of src.entries(node, 'lint.override')) {
    if ((SEVERITIES as readonly string[]).includes(e.key) && isSeq(e.value)) {
      // hadolint's layout: `override: { warning: [DL3008] }`.
      for (const rule of ruleList(src, e.value, `lint.override.${e.key}`, exists)) out[rule] = e.key as Severity;
      continue;
    }
    if (!exists(e.key)) throw src.error(e.keyNode, `unknown rule "${e.key}" in lint.override`);
    out[e.key] = severityFrom(src, e.value, `lint.override.${e.key}`, ['off']) as Severity | 'off';
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

export function parseWhittleConfig(file: string, text: string, exists: RuleExists): ParsedConfig {
  const src = new YamlSource(file, text);
  let lint: Partial<LintRunConfig> = {};
  let inspect: InspectConfig = {};
  let bases: unknown = null;
  for (const e of src.entries(src.root, 'the config file', ['lint', 'inspect', 'bases'])) {
    if (e.key === 'lint') lint = lintFrom(src, e.value, exists);
    else if (e.key === 'inspect') inspect = inspectFrom(src, e.value);
    else bases = src.plain(e.value);
  }
  return { lint, inspect, bases };
}
