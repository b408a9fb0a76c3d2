/** Reads `.hadolint.yaml` and maps it onto whittle's lint settings, so teams migrate without rewriting config. */
import type { Severity } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';
import type { LintRunConfig } from './types.js';
import type { ParsedConfig, RuleExists } from './whittle-file.js';
import { labelSchemaFrom, severityFrom } from './whittle-file.js';
import { YamlSource } from './yaml-source.js';

/** Every key hadolint documents; the ones with no whittle meaning (output format, colour, verbosity) are accepted and ignored. */
const HADOLINT_KEYS = [
  'ignored',
  'override',
  'trustedRegistries',
  'label-schema',
  'strict-labels',
  'failure-threshold',
  'disable-ignore-pragma',
  'no-fail',
  'no-color',
  'format',
  'verbose',
] as const;

export function parseHadolintConfig(file: string, text: string, exists: RuleExists): ParsedConfig {
  const src = new YamlSource(file, text);
  const lint: Partial<LintRunConfig> = {};
  // hadolint codes whittle has no rule for are dropped: they configured rules that do not run here.
  const known = (items: { value: string }[]): string[] => items.map((i) => i.value).filter(exists);
  for (const e of src.entries(src.root, 'the hadolint config file', HADOLINT_KEYS)) {
    switch (e.key as (typeof HADOLINT_KEYS)[number]) {
      case 'ignored':
        lint.ignored = known(src.stringList(e.value, 'ignored'));
        break;
      case 'override': {
        const overrides: Record<string, Severity> = {};
        for (const o of src.entries(e.value, 'override', SEVERITIES)) {
          for (const rule of known(src.stringList(o.value, `override.${o.key}`))) overrides[rule] = o.key as Severity;
        }
        lint.severityOverrides = overrides;
        break;
      }
      case 'trustedRegistries':
        lint.trustedRegistries = src.stringList(e.value, 'trustedRegistries').map((i) => i.value);
        break;
      case 'label-schema':
        lint.labelSchema = labelSchemaFrom(src, e.value, 'label-schema');
        break;
      case 'strict-labels':
        lint.strictLabels = src.boolean(e.value, 'strict-labels');
        break;
      case 'failure-threshold': {
        const value = severityFrom(src, e.value, 'failure-threshold', ['none']);
        if (value === 'none') lint.noFail = true;
        else lint.failureThreshold = value as Severity;
        break;
      }
      case 'disable-ignore-pragma':
        lint.disableIgnorePragma = src.boolean(e.value, 'disable-ignore-pragma');
        break;
      case 'no-fail':
        lint.noFail = src.boolean(e.value, 'no-fail');
        break;
      default:
        break;
    }
  }
  return { lint, inspect: {}, k8s: {}, bases: null };
}
