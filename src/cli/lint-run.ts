/** Reads, decodes, configures and lints (or fixes) each input; one bad file never stops the others. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { LintRunConfig } from '../config/types.js';
import { WhittleError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { atOrAbove } from '../core/finding.js';
import { decodeDockerfile, parseDockerfile } from '../dockerfile/parse.js';
import { generateDockerignore } from '../lint/dockerignore.js';
import { lintText } from '../lint/engine.js';
import { fixText } from '../lint/fix.js';
import { ruleDocsUrl } from '../report/rule-docs.js';
import type { InputProblem } from '../report/lint/types.js';
import type { BuildContext } from '../rules/types.js';
import { buildContextFor } from './build-context.js';
import type { Input } from './inputs.js';
import { expandInputs, readStdin } from './inputs.js';
import type { SharedLintOptions } from './lint-options.js';
import { applyCliOptions } from './lint-options.js';
import { ConfigError } from '../core/errors.js';
import { findRule } from '../rules/index.js';

/** Checks rule names given on the command line, so a typo is an error rather than a silent no-op. */
export function checkRuleNames(names: readonly string[], option: string): void {
  for (const name of names) if (!findRule(name)) throw new ConfigError(`unknown rule "${name}" in ${option}`);
}

export interface FileResult {
  input: Input;
  /** The text as read. */
  text: string;
  /** Findings after fixing (all findings when not fixing). */
  findings: Finding[];
  /** Findings whose fix was applied. */
  fixed: Finding[];
  /** The fixed text, when fixing changed anything. */
  fixedText: string | null;
  config: LintRunConfig;
  buildContext: BuildContext | null;
  /** A .dockerignore that `fix` writes because missing-dockerignore fired and the context has none. */
  dockerignore?: { path: string; text: string };
}

export interface RunResult {
  results: FileResult[];
  problems: InputProblem[];
  /** Things the user should know that are not findings (a fix left out because it broke parsing). */
  warnings: string[];
}

const MISSING_DOCKERIGNORE = 'missing-dockerignore';

export function problemFrom(err: unknown, file: string): InputProblem {
  if (err instanceof WhittleError) {
    return { file: err.file ?? file, ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}), message: err.message };
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { file, message: 'permission denied' };
  if (code === 'ENOENT') return { file, message: 'no such file' };
  if (code === 'EISDIR') return { file, message: 'is a folder, not a Dockerfile' };
  // A bug (in a rule, say) is reported for this file only, so the other files are still linted.
  const error = err instanceof Error ? err : new Error(String(err));
  return { file, message: `internal error: ${error.message.replace(/\s*\n\s*/g, ' ')} (run with --debug for the stack)`, ...(error.stack ? { stack: error.stack } : {}) };
}

export function formatProblem(p: InputProblem, debug = false): string {
  const line = `${[p.file, p.line, p.column].filter((x) => x !== undefined).join(':')}: ${p.message}`;
  return debug && p.stack ? `${line}\n${p.stack}` : line;
}

export function isFailing(finding: Finding, config: LintRunConfig): boolean {
  return !config.noFail && atOrAbove(finding.severity, config.failureThreshold);
}

export async function runLint(
  files: readonly string[],
  options: SharedLintOptions,
  mode: { fix: boolean },
  cwd: string = process.cwd(),
): Promise<RunResult> {
  checkRuleNames(options.ignore ?? [], '--ignore');
  const { inputs, problems } = await expandInputs(files, cwd);
  const configs = new Map<string, Promise<LintRunConfig>>();
  const configFor = (startDir: string): Promise<LintRunConfig> => {
    const key = options.config !== undefined ? '' : startDir;
    let config = configs.get(key);
    if (!config) {
      config = loadConfig({ startDir, cwd, ...(options.config !== undefined ? { explicitPath: options.config } : {}) }).then((c) => applyCliOptions(c.lint, options));
      configs.set(key, config);
    }
    return config;
  };
  const results: FileResult[] = [];
  const warnings: string[] = [];
  const plannedIgnores = new Set<string>();
  for (const input of inputs) {
    // Config errors are not per-file: they stop the run (exit 2) because every result would be wrong.
    const config = await configFor(input.path ? dirname(input.path) : cwd);
    let text: string;
    try {
      const bytes = input.path ? await readFile(input.path) : await readStdin();
      text = decodeDockerfile(bytes, input.display);
    } catch (err) {
      problems.push(problemFrom(err, input.display));
      continue;
    }
    const buildContext = buildContextFor(input.path, options.context, cwd);
    const lintOptions = { config, buildContext };
    try {
      if (mode.fix) {
        const fixed = await fixText(text, input.display, lintOptions);
        if (fixed.rejected) {
          warnings.push(`${input.display}: left out ${fixed.rejected.findings.map((f) => f.rule).join(', ')}: the fixed text would not parse (${fixed.rejected.error})`);
        }
        const result: FileResult = { input, text, findings: withDocs(fixed.remaining), fixed: fixed.fixed, fixedText: fixed.text !== text ? fixed.text : null, config, buildContext };
        await planDockerignore(result, fixed.text, config, plannedIgnores);
        results.push(result);
      } else {
        const findings = await lintText(text, input.display, lintOptions);
        results.push({ input, text, findings: withDocs(findings), fixed: [], fixedText: null, config, buildContext });
      }
    } catch (err) {
      problems.push(problemFrom(err, input.display));
    }
  }
  return { results, problems, warnings };
}

/**
 * When missing-dockerignore fires, fix writes the .dockerignore the rule asks for (once per build context, never
 * over an existing file); the finding then counts as fixed.
 */
async function planDockerignore(result: FileResult, text: string, config: LintRunConfig, planned: Set<string>): Promise<void> {
  const context = result.buildContext;
  const missing = result.findings.filter((f) => f.rule === MISSING_DOCKERIGNORE);
  if (!context || context.dockerignore !== null || missing.length === 0) return;
  const path = join(context.dir, '.dockerignore');
  if (existsSync(path)) return;
  if (!planned.has(path)) {
    const df = await parseDockerfile(text, result.input.display, { buildArgs: config.buildArgs });
    result.dockerignore = { path, text: generateDockerignore(df, context) };
    planned.add(path);
  }
  result.findings = result.findings.filter((f) => f.rule !== MISSING_DOCKERIGNORE);
  result.fixed = [...result.fixed, ...missing];
}

function withDocs(findings: Finding[]): Finding[] {
  return findings.map((f) => (f.docs ? f : { ...f, docs: ruleDocsUrl(f.rule) }));
}
