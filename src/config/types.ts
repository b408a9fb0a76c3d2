import type { Severity } from '../core/finding.js';

/** Label schema for the label rules (hadolint's `label-schema`): label name to its expected type. */
export type LabelType = 'text' | 'url' | 'email' | 'rfc3339' | 'semver' | 'hash' | 'spdx';

/** Settings for `whittle lint` and `fix`, from `.whittle.yaml` (or `.hadolint.yaml`) and the command line. */
export interface LintConfig {
  /** Rule ids or aliases that never report. */
  ignored: string[];
  /** Rule id or alias to the severity it reports with; 'off' disables. */
  severityOverrides: Record<string, Severity | 'off'>;
  /** Findings at or above this severity make the exit code 1. */
  failureThreshold: Severity;
  /** Registries FROM may pull from (empty: any). hadolint's trustedRegistries. */
  trustedRegistries: string[];
  /** Approved base images (a company's list), glob patterns like `registry.corp/base/*`. Empty: any. */
  allowedBaseImages: string[];
  labelSchema: Record<string, LabelType>;
  /** With a label schema: labels not in it are reported (hadolint's strict-labels). */
  strictLabels: boolean;
  /** Values for ARGs, as `--build-arg` would give them. */
  buildArgs: Record<string, string>;
  /** Skip inline `# whittle ignore` / `# hadolint ignore` pragmas (hadolint's disable-ignore-pragma). */
  disableIgnorePragma: boolean;
}

export const defaultLintConfig: LintConfig = {
  ignored: [],
  severityOverrides: {},
  failureThreshold: 'info',
  trustedRegistries: [],
  allowedBaseImages: [],
  labelSchema: {},
  strictLabels: false,
  buildArgs: {},
  disableIgnorePragma: false,
};
