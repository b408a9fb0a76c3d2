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

/**
 * Extensions to LintConfig read by the CLI only. Kept apart so LintConfig stays what the rules see.
 * `noFail`: findings never make the exit code 1 (`--failure-threshold none`, hadolint's `no-fail`).
 */
export interface LintRunConfig extends LintConfig {
  noFail: boolean;
}

/** Budgets for `whittle inspect`, from the `inspect:` section of `.whittle.yaml`. Absent fields: no budget. */
export interface InspectConfig {
  /** Largest allowed image size in bytes (YAML accepts `200MB`, `1.5GiB` or a byte count). */
  maxSize?: number;
  maxLayers?: number;
  /** Lowest allowed efficiency, 0..1 (dive's `lowestEfficiency`). */
  minEfficiency?: number;
  /** Largest allowed wasted bytes (YAML accepts sizes like `maxSize`). */
  maxWasted?: number;
  /** Fail when the image runs as root. */
  forbidRoot?: boolean;
  /** Fail when the image contains a shell. */
  forbidShell?: boolean;
}

/**
 * Settings for `whittle k8s`, from the `k8s:` section of `.whittle.yaml`; command-line options override them.
 * Check names (ids or kube-score / kube-linter / Polaris aliases) are validated when the file is read.
 */
export interface K8sConfig {
  /** Check ids or aliases that never report. */
  ignored?: string[];
  /** Check id or alias to the severity it reports with; 'off' disables. */
  severityOverrides?: Record<string, Severity | 'off'>;
  /** Findings at or above this severity make the exit code 1; 'none' never fails on findings. */
  failureThreshold?: Severity | 'none';
  /**
   * Where container images may come from: registry hosts (`registry.corp`, `*.corp.example`) or image globs
   * (`registry.corp/base/*`). Absent: lint's trustedRegistries and allowedBaseImages together.
   */
  allowedRegistries?: string[];
  /** Image NAME to SOURCE, as `--image NAME=SOURCE` (relative paths resolved from the config file's folder). */
  images?: Record<string, string>;
}
