/** What `whittle k8s` does once its options are parsed: read, check (and fix), render with the lint formatters, exit code. */
import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { glob, isDynamicPattern } from 'tinyglobby';
import { writeFileAtomic } from '../cli/atomic-write.js';
import { readStdin } from '../cli/inputs.js';
import { writeFile } from 'node:fs/promises';
import { lintFormatters } from '../report/lint/index.js';
import type { CliRuntime } from '../cli/runtime.js';
import { whittleVersion } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { ExitCode, InputError, WhittleError } from '../core/errors.js';
import type { Finding, Severity } from '../core/finding.js';
import { atOrAbove } from '../core/finding.js';
import type { InputProblem, LintedFile, LintReport } from '../report/lint/types.js';
import type { LintFormatName } from '../report/lint/names.js';
import { toJsonFinding } from '../report/lint/json.js';
import { toSarif } from '../report/lint/sarif.js';
import { k8sChecks } from './checks/index.js';
import type { K8sRunOptions } from './engine.js';
import { imageForContainer, runChecks } from './engine.js';
import { fixManifests } from './fix.js';
import type { ImageFacts } from './image-facts.js';
import { loadImageFacts } from './image-facts.js';
import { loadManifests, MAX_INPUT_BYTES } from './load.js';
import type { PullSummary } from './pull.js';
import { coldStartPull, formatPull } from './pull.js';
import { redactedText } from './redact.js';
import type { K8sSettings } from './settings.js';
import { k8sSettings } from './settings.js';

export interface K8sOptions {
  format: LintFormatName;
  output?: string;
  config?: string;
  failureThreshold?: Severity | 'none';
  ignore?: string[];
  image?: string[];
  allowedRegistry?: string[];
  fix?: boolean;
  dryRun?: boolean;
  fixResources?: boolean;
}

interface Source {
  display: string;
  path: string | null;
}

const MANIFEST_GLOB = ['**/*.yaml', '**/*.yml', '**/*.json'];
const IGNORE = ['**/node_modules/**', '**/.git/**'];

async function expand(args: readonly string[], cwd: string, problems: InputProblem[]): Promise<Source[]> {
  const out: Source[] = [];
  const seen = new Set<string>();
  const add = (display: string, path: string | null): void => {
    if (seen.has(path ?? '-')) return;
    seen.add(path ?? '-');
    out.push({ display, path });
  };
  for (const arg of args) {
    if (arg === '-') {
      add('-', null);
      continue;
    }
    const abs = resolve(cwd, arg);
    if (existsSync(abs)) {
      if (!statSync(abs).isDirectory()) add(arg, abs);
      else {
        const found = (await glob(MANIFEST_GLOB, { cwd: abs, ignore: IGNORE, onlyFiles: true })).sort();
        if (found.length === 0) problems.push({ file: arg, message: 'no .yaml, .yml or .json file in this folder' });
        for (const f of found) add(join(arg, f), join(abs, f));
      }
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = (await glob([arg], { cwd, ignore: IGNORE, onlyFiles: true })).sort();
      if (found.length === 0) problems.push({ file: arg, message: 'no files match this pattern' });
      for (const f of found) add(f, resolve(cwd, f));
      continue;
    }
    problems.push({ file: arg, message: 'no such file' });
  }
  return out;
}

function problemOf(display: string, err: unknown): InputProblem {
  if (err instanceof WhittleError) {
    return { file: err.file ?? display, ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}), message: err.message };
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code) return { file: display, message: `cannot read (${e.code})` };
  return { file: display, message: `internal error: ${err instanceof Error ? err.message : String(err)}`, ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) };
}

function formatProblem(p: InputProblem, debug: boolean): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  return `${where}: ${p.message}${debug && p.stack ? `\n${p.stack}` : ''}`;
}

/** Reads a manifest file, refusing before reading one larger than the loader accepts (a cluster dump, a wrong path). */
async function readManifest(src: Source, stdin: { buffer: Buffer | null }): Promise<string> {
  if (src.path === null) {
    stdin.buffer ??= await readStdin();
    if (stdin.buffer.length > MAX_INPUT_BYTES) throw new InputError(`input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; split it into several files`, '-');
    return stdin.buffer.toString('utf8');
  }
  const size = (await stat(src.path)).size;
  if (size > MAX_INPUT_BYTES) throw new InputError(`file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB (${size} bytes); split it into several files`, src.display);
  return readFile(src.path, 'utf8');
}

/** The config's `k8s:` section, found like lint finds its config: from the first manifest's folder up, or --config. */
async function settingsFor(sources: readonly Source[], options: K8sOptions, cwd: string): Promise<K8sSettings> {
  const first = sources.find((s) => s.path !== null)?.path;
  const config = await loadConfig({ startDir: first ? dirname(first) : cwd, cwd, ...(options.config !== undefined ? { explicitPath: options.config } : {}) });
  return k8sSettings(config, options, k8sChecks);
}

export async function k8sAction(files: string[], options: K8sOptions, command: Command, runtime: CliRuntime): Promise<void> {
  if (options.fixResources && !options.fix) throw new InputError('--fix-resources adds placeholders only together with --fix');
  const cwd = process.cwd();
  const problems: InputProblem[] = [];
  const sources = await expand(files, cwd, problems);
  const settings = await settingsFor(sources, options, cwd);
  const images: ImageFacts[] = [];
  for (const { name, source } of settings.images) images.push(await loadImageFacts(name, source));
  const runOptions: K8sRunOptions = {
    ignored: settings.ignored,
    images,
    allowedRegistries: settings.allowedRegistries,
    severityOverrides: settings.severityOverrides,
    fixResources: Boolean(options.fix && options.fixResources),
  };
  const linted: LintedFile[] = [];
  const skipped: SkippedObject[] = [];
  const containersPerImage = new Map<string, number>();
  const stdin = { buffer: null as Buffer | null };
  const usesStdin = sources.some((s) => s.path === null);
  // stdout carries the diff (dry run) or the fixed stdin text with --fix: the report moves to stderr then.
  const reportStream = options.fix && (options.dryRun || usesStdin) ? 'stderr' : 'stdout';
  for (const src of sources) {
    let text: string;
    try {
      text = await readManifest(src, stdin);
    } catch (err) {
      problems.push(problemOf(src.display, err));
      continue;
    }
    try {
      const loaded = loadManifests(text, src.display);
      for (const s of loaded.skipped) skipped.push({ file: src.display, kind: s.kind, name: s.name });
      for (const c of loaded.workloads.flatMap((w) => w.containers)) {
        const image = imageForContainer(images, c);
        if (image) containersPerImage.set(image.name, (containersPerImage.get(image.name) ?? 0) + 1);
      }
      let findings: Finding[];
      let shownText = text;
      if (options.fix) {
        const result = fixManifests(text, src.display, k8sChecks, runOptions);
        if (result.rejected) runtime.stderr.write(`${src.display}: fixes left out (they broke the YAML): ${result.rejected.error}\n`);
        findings = result.remaining;
        if (result.text !== text) {
          const n = result.fixed.length;
          if (options.dryRun) {
            const name = src.path ? relative(cwd, src.path) : '-';
            runtime.stdout.write(createTwoFilesPatch(`a/${name}`, `b/${name}`, text, result.text, undefined, undefined, { context: 3 }));
            runtime.stderr.write(`${src.display}: would fix ${n} finding${n === 1 ? '' : 's'}\n`);
          } else if (src.path === null) {
            runtime.stdout.write(result.text);
          } else {
            await writeFileAtomic(src.path, result.text);
            runtime.stderr.write(`${src.display}: fixed ${n} finding${n === 1 ? '' : 's'}\n`);
          }
          shownText = result.text;
        } else if (src.path === null && !options.dryRun) runtime.stdout.write(text);
      } else findings = runChecks(loaded, k8sChecks, runOptions);
      const shown = shownText === text ? loaded : loadManifests(shownText, src.display);
      linted.push({ file: src.display, text: redactedText(shown), findings });
    } catch (err) {
      problems.push(problemOf(src.display, err));
    }
  }
  for (const p of problems) runtime.stderr.write(`${formatProblem(p, runtime.debug)}\n`);
  const report: LintReport = {
    files: linted,
    errors: problems,
    rules: k8sChecks.map((c) => c.meta),
    failureThreshold: settings.failureThreshold,
    noFail: settings.noFail,
    toolVersion: whittleVersion(),
  };
  const pull = images.length ? coldStartPull(images, (name) => containersPerImage.get(name) ?? 0) : null;
  await writeK8sReport({ report, skipped, pull }, options, command, runtime, reportStream);
  const textOut = options.format === 'text' && options.output === undefined ? runtime[reportStream] : runtime.stderr;
  if (skipped.length && options.format === 'text') {
    const counts = new Map<string, number>();
    for (const s of skipped) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
    const kinds = [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
    textOut.write(`note: skipped objects without a pod spec: ${kinds}\n`);
  }
  // json and sarif carry the pull figure themselves; the other formats get it as text next to them.
  if (pull && options.format !== 'json' && options.format !== 'sarif') textOut.write(formatPull(pull));
  if (problems.length) runtime.setExitCode(ExitCode.Error);
  else if (!report.noFail && linted.some((f) => f.findings.some((x) => atOrAbove(x.severity, settings.failureThreshold)))) runtime.setExitCode(ExitCode.Findings);
}

export interface SkippedObject {
  file: string;
  kind: string;
  name: string;
}

interface K8sReportData {
  report: LintReport;
  skipped: SkippedObject[];
  pull: PullSummary | null;
}

/** `--format json` for k8s: the lint findings plus what only k8s knows (schema/whittle-k8s.schema.json). */
export function k8sJson(data: K8sReportData): string {
  const findings = data.report.files.flatMap((file) => file.findings.map(toJsonFinding));
  return `${JSON.stringify({ findings, skipped: data.skipped, pull: data.pull }, null, 2)}\n`;
}

/** SARIF as for lint, with the cold-start pull in the run's property bag. */
export function k8sSarif(data: K8sReportData): string {
  const log = toSarif(data.report) as { runs: Array<Record<string, unknown>> };
  if (data.pull) log.runs[0]!.properties = { pull: data.pull };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The lint formatters render k8s findings as they are; the text summary names the k8s fix command. */
async function writeK8sReport(data: K8sReportData, options: K8sOptions, command: Command, runtime: CliRuntime, stream: 'stdout' | 'stderr'): Promise<void> {
  const color = options.output === undefined && runtime.useColor(command, stream);
  let rendered: string;
  if (options.format === 'json') rendered = k8sJson(data);
  else if (options.format === 'sarif') rendered = k8sSarif(data);
  else rendered = lintFormatters[options.format](data.report, { color });
  if (options.format === 'text') rendered = rendered.replace('fixable with `whittle fix`', 'fixable with `whittle k8s --fix`');
  if (options.output === undefined) {
    runtime[stream].write(rendered);
    return;
  }
  try {
    await writeFile(options.output, rendered);
  } catch (err) {
    throw new InputError(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`, options.output);
  }
}
