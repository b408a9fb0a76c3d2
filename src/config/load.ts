/**
 * Finds and reads the configuration: `.whittle.yaml` / `.whittle.yml` from the Dockerfile's folder up to the
 * git root (or the filesystem root), then the current directory; `--config FILE` wins. With no whittle config,
 * an existing `.hadolint.yaml` / `.hadolint.yml` found the same way is read and mapped.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { InspectConfig, K8sConfig, LintRunConfig } from './types.js';
import { defaultLintConfig } from './types.js';
import { parseHadolintConfig } from './hadolint-file.js';
import type { ParsedConfig, RuleExists } from './whittle-file.js';
import { parseWhittleConfig } from './whittle-file.js';

export type { InspectConfig } from './types.js';

export interface LoadedConfig {
  lint: LintRunConfig;
  inspect: InspectConfig;
  /** The `k8s:` section; relative paths in `images` resolved from the config file's folder. */
  k8s: K8sConfig;
  /** The `bases:` catalogue as plain data (validated by the optimizer that reads it). */
  bases: unknown;
  /** The file read, null when none was found (defaults). */
  file: string | null;
}

export interface LoadConfigOptions {
  startDir: string;
  explicitPath?: string;
  /** Which rule ids and aliases exist (default: whittle's rules). */
  ruleExists?: RuleExists;
  /** Which k8s check ids and aliases exist (default: whittle k8s's checks). */
  k8sCheckExists?: RuleExists;
  /** Where the search ends after the walk up (default: process.cwd()). */
  cwd?: string;
}

export const WHITTLE_CONFIG_NAMES = ['.whittle.yaml', '.whittle.yml'] as const;
export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

export const defaultLintRunConfig: LintRunConfig = { ...defaultLintConfig, noFail: false };

/** Folders searched, nearest first: startDir up to the git root (or /), then cwd. */
export function searchDirs(startDir: string, cwd: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(startDir);
  for (;;) {
    dirs.push(dir);
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) break;
    dir = parent;
  }
  const home = resolve(cwd);
  if (!dirs.includes(home)) dirs.push(home);
  return dirs;
}

function findFirst(dirs: readonly string[], names: readonly string[]): string | null {
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
  }
  return null;
}

async function readConfigText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError('config file not found', file);
    if (code === 'EISDIR') throw new ConfigError('config path is a directory, not a file', file);
    throw new ConfigError(`cannot read config file (${code ?? String(err)})`, file);
  }
}

/** Errors name the config file relative to the current directory when it lies below it. */
function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function isHadolintFile(file: string): boolean {
  return /hadolint/i.test(basename(file));
}

const PATH_TRANSPORTS = ['oci:', 'oci-archive:', 'docker-archive:'];

/**
 * An image source from a config file, with a relative path made absolute against the file's folder, so the
 * config means the same from any working directory. Registry references are left as they are.
 */
export function resolveImageSource(source: string, baseDir: string): string {
  const transport = PATH_TRANSPORTS.find((t) => source.startsWith(t));
  if (transport) {
    const rest = source.slice(transport.length);
    return isAbsolute(rest) ? source : transport + join(baseDir, rest);
  }
  if (source.includes('://') || isAbsolute(source)) return source;
  // No transport: a path only when it says so (./, ../) or names something that exists; else a registry reference.
  if (/^\.{1,2}\//.test(source) || existsSync(join(baseDir, source))) return join(baseDir, source);
  return source;
}

export function mergeParsed(parsed: ParsedConfig, file: string | null): LoadedConfig {
  const k8s: K8sConfig = { ...parsed.k8s };
  if (k8s.images && file !== null) {
    const dir = dirname(resolve(file));
    k8s.images = Object.fromEntries(Object.entries(k8s.images).map(([name, source]) => [name, resolveImageSource(source, dir)]));
  }
  return { lint: { ...defaultLintRunConfig, ...parsed.lint }, inspect: parsed.inspect, k8s, bases: parsed.bases, file };
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  // The rules load on demand: `whittle inspect` reads the config too and needs no rules.
  const exists: RuleExists = options.ruleExists ?? (await import('../rules/index.js').then(({ findRule }) => (id: string) => findRule(id) !== undefined));
  let file: string | null;
  if (options.explicitPath !== undefined) {
    file = resolve(options.explicitPath);
  } else {
    const dirs = searchDirs(options.startDir, options.cwd ?? process.cwd());
    file = findFirst(dirs, WHITTLE_CONFIG_NAMES) ?? findFirst(dirs, HADOLINT_CONFIG_NAMES);
  }
  if (file === null) return { lint: { ...defaultLintRunConfig }, inspect: {}, k8s: {}, bases: null, file: null };
  const text = await readConfigText(file);
  const shown = displayPath(file, options.cwd ?? process.cwd());
  if (isHadolintFile(file)) return mergeParsed(parseHadolintConfig(shown, text, exists), file);
  // The k8s checks load on demand, like the rules.
  const k8sExists: RuleExists = options.k8sCheckExists ?? (await import('../k8s/check-names.js').then(({ k8sCheckExists }) => k8sCheckExists));
  const parsed = parseWhittleConfig(shown, text, exists, k8sExists);
  return mergeParsed(parsed, file);
}
