/** What `whittle k8s` does once its options are parsed: read, check (and fix), render with the lint formatters, exit code. */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { glob, isDynamicPattern } from 'tinyglobby';
import { writeFileAtomic } from '../cli/atomic-write.js';
import { readStdin } from '../cli/inputs.js';
import { writeFile } from 'node:fs/promises';
import { lintFormatters } from '../report/lint/index.js';
import type { CliRuntime } from '../cli/runtime.js';
import { whittleVersion } from '../cli/version.js';
import { ConfigError, ExitCode, InputError, WhittleError } from '../core/errors.js';
import type { Finding, Severity } from '../core/finding.js';
import { atOrAbove } from '../core/finding.js';
import type { InputProblem, LintedFile, LintReport } from '../report/lint/types.js';
import type { LintFormatName } from '../report/lint/names.js';
import { k8sChecks } from './checks/index.js';
import { runChecks } from './engine.js';
import { fixManifests } from './fix.js';
import type { ImageFacts } from './image-facts.js';
import { loadImageFacts } from './image-facts.js';
import { loadManifests } from './load.js';
import { coldStartPull, formatPull } from './pull.js';
import { redactedText } from './redact.js';

export interface K8sOptions {
  format: LintFormatName;
  output?: string;
  failureThreshold?: Severity | 'none';
  ignore?: string[];
  image?: string[];
  fix?: boolean;
  dryRun?: boolean;
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

function parseImages(values: readonly string[]): Array<{ name: string; source: string }> {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new ConfigError(`--image expects NAME=SOURCE (e.g. web:1.4=oci:./web-layout), got "${v}"`);
    return { name: v.slice(0, eq), source: v.slice(eq + 1) };
  });
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

export async function k8sAction(files: string[], options: K8sOptions, command: Command, runtime: CliRuntime): Promise<void> {
  const cwd = process.cwd();
  const problems: InputProblem[] = [];
  const sources = await expand(files, cwd, problems);
  const images: ImageFacts[] = [];
  for (const { name, source } of parseImages(options.image ?? [])) images.push(await loadImageFacts(name, source));
  const runOptions = { ignored: options.ignore ?? [], images };
  const linted: LintedFile[] = [];
  const skipped = new Map<string, number>();
  let stdinBuffer: Buffer | null = null;
  const usesStdin = sources.some((s) => s.path === null);
  // stdout carries the diff (dry run) or the fixed stdin text with --fix: the report moves to stderr then.
  const reportStream = options.fix && (options.dryRun || usesStdin) ? 'stderr' : 'stdout';
  for (const src of sources) {
    let text: string;
    try {
      if (src.path === null) {
        stdinBuffer ??= await readStdin();
        text = stdinBuffer.toString('utf8');
      } else text = await readFile(src.path, 'utf8');
    } catch (err) {
      problems.push(problemOf(src.display, err));
      continue;
    }
    try {
      const loaded = loadManifests(text, src.display);
      for (const s of loaded.skipped) skipped.set(s.kind, (skipped.get(s.kind) ?? 0) + 1);
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
  const threshold: Severity = options.failureThreshold && options.failureThreshold !== 'none' ? options.failureThreshold : 'info';
  const report: LintReport = {
    files: linted,
    errors: problems,
    rules: k8sChecks.map((c) => c.meta),
    failureThreshold: threshold,
    noFail: options.failureThreshold === 'none',
    toolVersion: whittleVersion(),
  };
  await writeK8sReport(report, options, command, runtime, reportStream);
  const textOut = options.format === 'text' && options.output === undefined ? runtime[reportStream] : runtime.stderr;
  if (skipped.size && options.format === 'text') {
    const kinds = [...skipped].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
    textOut.write(`note: skipped objects without a pod spec: ${kinds}\n`);
  }
  if (images.length) textOut.write(formatPull(coldStartPull(images)));
  if (problems.length) runtime.setExitCode(ExitCode.Error);
  else if (!report.noFail && linted.some((f) => f.findings.some((x) => atOrAbove(x.severity, threshold)))) runtime.setExitCode(ExitCode.Findings);
}

/** The lint formatters render k8s findings as they are; the text summary names the k8s fix command. */
async function writeK8sReport(report: LintReport, options: K8sOptions, command: Command, runtime: CliRuntime, stream: 'stdout' | 'stderr'): Promise<void> {
  const color = options.output === undefined && runtime.useColor(command, stream);
  let rendered = lintFormatters[options.format](report, { color });
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
