/** The options `whittle lint` and `whittle fix` share, and how they turn into lint settings. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { LintRunConfig } from '../config/types.js';
import { ConfigError } from '../core/errors.js';
import type { Severity } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';

export interface SharedLintOptions {
  config?: string;
  failureThreshold?: Severity | 'none';
  ignore?: string[];
  trustedRegistry?: string[];
  buildArg?: string[];
  context?: string;
  /** False with --no-ignore-pragma. */
  ignorePragma: boolean;
}

// No default value: commander would print "(default: [])" in the help.
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addSharedLintOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'read this config file instead of searching for .whittle.yaml / .hadolint.yaml')
    .addOption(
      new Option('--failure-threshold <severity>', 'exit 1 when a finding is at least this severe (default: info)').choices([...SEVERITIES, 'none']),
    )
    .option('--ignore <rule>', 'never report this rule id or alias (repeatable)', collect)
    .option('--trusted-registry <registry>', 'only allow FROM images from this registry (repeatable)', collect)
    .option('--build-arg <key=value>', 'value for an ARG, as docker build --build-arg (repeatable)', collect)
    .option('--context <dir>', "build context folder (default: the Dockerfile's folder); its .dockerignore is read")
    .option('--no-ignore-pragma', 'disregard inline "# whittle ignore=" / "# hadolint ignore=" comments');
}

export function parseBuildArgs(values: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const key = eq === -1 ? value : value.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new ConfigError(`--build-arg expects KEY=VALUE, got "${value}"`);
    if (eq !== -1) args[key] = value.slice(eq + 1);
    // Like docker build: `--build-arg KEY` takes the value from the environment, and is unset when it has none.
    else if (process.env[key] !== undefined) args[key] = process.env[key]!;
  }
  return args;
}

/** Command-line options override and extend the config file. */
export function applyCliOptions(config: LintRunConfig, options: SharedLintOptions): LintRunConfig {
  const merged: LintRunConfig = {
    ...config,
    ignored: [...config.ignored, ...(options.ignore ?? [])],
    trustedRegistries: [...config.trustedRegistries, ...(options.trustedRegistry ?? [])],
    buildArgs: { ...config.buildArgs, ...parseBuildArgs(options.buildArg ?? []) },
    disableIgnorePragma: config.disableIgnorePragma || !options.ignorePragma,
  };
  if (options.failureThreshold === 'none') merged.noFail = true;
  else if (options.failureThreshold) {
    merged.failureThreshold = options.failureThreshold;
    merged.noFail = false;
  }
  return merged;
}
