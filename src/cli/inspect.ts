/**
 * `whittle inspect IMAGE`: one streaming pass over the image's layers, then a report (text or JSON), optional
 * SBOM, and budgets (flags, `.whittle.yaml`'s inspect section, `.dive-ci`): exit 1 when one is broken.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { parseSize } from '../config/sizes.js';
import type { InspectConfig } from '../config/types.js';
import { ConfigError, ExitCode } from '../core/errors.js';
import type { Budget } from '../analyze/budgets.js';
import { parseDiveCi } from '../analyze/dive-ci.js';
import { inspectImage } from '../analyze/inspect.js';
import { openImage } from '../image/open.js';
import type { OpenOptions } from '../image/types.js';
import { formatBytes } from '../report/inspect/format.js';
import { formatInspectHtml, htmlDetail } from '../report/inspect/html/index.js';
import { formatInspectJson } from '../report/inspect/json.js';
import type { InspectReport } from '../report/inspect/model.js';
import { SBOM_FORMATS, formatSbom } from '../report/inspect/sbom.js';
import type { SbomFormat } from '../report/inspect/sbom.js';
import { formatInspectText } from '../report/inspect/text.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CliRuntime, CommandRegistrar } from './runtime.js';
import { whittleVersion } from './version.js';

export interface InspectCliOptions {
  format: 'text' | 'json' | 'html';
  output?: string;
  layers?: boolean;
  files?: boolean;
  sbom?: string[];
  platform?: string;
  insecure?: boolean;
  quiet?: boolean;
  base?: string;
  bandwidth: string;
  maxSize?: string;
  maxLayers?: string;
  minEfficiency?: string;
  maxWasted?: string;
  forbidRoot?: boolean;
  forbidShell?: boolean;
  config?: string;
  diveCi?: string | false;
  workers?: string;
  progress?: boolean;
}

/** Compressed bytes above which a progress bar is worth drawing (on a TTY only). */
const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

export function parseRatio(text: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new ConfigError(`${what}: expected a ratio between 0 and 1 (or a percentage like 90%), got ${JSON.stringify(text)}`);
  return v;
}

function sizeOption(text: string, what: string): number {
  const n = parseSize(text);
  if (n === null) throw new ConfigError(`${what}: expected a size like 200MB, 1.5GiB or a byte count, got ${JSON.stringify(text)}`);
  return n;
}

function intOption(text: string, what: string, min = 0): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new ConfigError(`${what}: expected a whole number${min ? ` of at least ${min}` : ''}, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** `--sbom FORMAT FILE` (also `FORMAT=FILE`); a third value is the image when it came after the option. */
export function parseSbomOption(values: string[] | undefined, image: string | undefined): { sbom: { format: SbomFormat; file: string } | null; image: string | undefined } {
  if (!values) return { sbom: null, image };
  const v = [...values];
  if (v.length === 1 && /^[a-z]+[=:]/.test(v[0]!)) {
    const m = /^([a-z]+)[=:](.*)$/.exec(v[0]!)!;
    v.splice(0, 1, m[1]!, m[2]!);
  }
  if (v.length === 3 && image === undefined) image = v.pop();
  if (v.length !== 2) throw new ConfigError('--sbom: expected a format and a file, e.g. --sbom cyclonedx sbom.json');
  const format = v[0] as SbomFormat;
  if (!SBOM_FORMATS.includes(format)) throw new ConfigError(`--sbom: unknown format ${JSON.stringify(v[0])} (known: ${SBOM_FORMATS.join(', ')})`);
  if (!v[1]) throw new ConfigError('--sbom: missing the file to write');
  return { sbom: { format, file: v[1] }, image };
}

/** Budgets from the config file first, then flags (a flag replaces the same budget from the file). */
export function collectBudgets(config: InspectConfig, configFile: string | null, options: InspectCliOptions, diveCi: Budget[]): Budget[] {
  const budgets = new Map<string, Budget>();
  const from = configFile ?? '.whittle.yaml';
  if (config.maxSize !== undefined) budgets.set('max-size', { name: 'max-size', limit: config.maxSize, source: from });
  if (config.maxLayers !== undefined) budgets.set('max-layers', { name: 'max-layers', limit: config.maxLayers, source: from });
  if (config.minEfficiency !== undefined) budgets.set('min-efficiency', { name: 'min-efficiency', limit: config.minEfficiency, source: from });
  if (config.maxWasted !== undefined) budgets.set('max-wasted', { name: 'max-wasted', limit: config.maxWasted, source: from });
  if (config.forbidRoot) budgets.set('forbid-root', { name: 'forbid-root', limit: true, source: from });
  if (config.forbidShell) budgets.set('forbid-shell', { name: 'forbid-shell', limit: true, source: from });
  if (options.maxSize !== undefined) budgets.set('max-size', { name: 'max-size', limit: sizeOption(options.maxSize, '--max-size'), source: '--max-size' });
  if (options.maxLayers !== undefined) budgets.set('max-layers', { name: 'max-layers', limit: intOption(options.maxLayers, '--max-layers'), source: '--max-layers' });
  if (options.minEfficiency !== undefined) {
    budgets.set('min-efficiency', { name: 'min-efficiency', limit: parseRatio(options.minEfficiency, '--min-efficiency'), source: '--min-efficiency' });
  }
  if (options.maxWasted !== undefined) budgets.set('max-wasted', { name: 'max-wasted', limit: sizeOption(options.maxWasted, '--max-wasted'), source: '--max-wasted' });
  if (options.forbidRoot) budgets.set('forbid-root', { name: 'forbid-root', limit: true, source: '--forbid-root' });
  if (options.forbidShell) budgets.set('forbid-shell', { name: 'forbid-shell', limit: true, source: '--forbid-shell' });
  for (const b of diveCi) budgets.set(b.name, b);
  return [...budgets.values()];
}

async function readDiveCi(options: InspectCliOptions, cwd: string): Promise<Budget[]> {
  if (options.diveCi === false) return [];
  const file = options.diveCi ? resolve(cwd, options.diveCi) : resolve(cwd, '.dive-ci');
  if (!options.diveCi && !existsSync(file)) return [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the dive CI file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, options.diveCi ?? '.dive-ci');
  }
  return parseDiveCi(text, options.diveCi || '.dive-ci');
}

/** A one-line progress bar redrawn in place on stderr. */
function progressBar(stream: CliRuntime['stderr']): { update: (read: number, total: number) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update(read, total) {
      const now = Date.now();
      if (now - last < 100 && read < total) return;
      last = now;
      drawn = true;
      const ratio = total ? Math.min(read / total, 1) : 1;
      const width = 30;
      const fill = Math.round(ratio * width);
      stream.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${formatBytes(read)} / ${formatBytes(total)}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

export async function runInspect(imageArg: string | undefined, options: InspectCliOptions, command: Command, runtime: CliRuntime): Promise<InspectReport> {
  const cwd = process.cwd();
  const { sbom, image: ref } = parseSbomOption(options.sbom, imageArg);
  if (!ref) throw new ConfigError('missing the image to inspect (a registry reference, an archive, or an OCI layout)');
  const bandwidth = Number(options.bandwidth);
  if (!Number.isFinite(bandwidth) || bandwidth <= 0) throw new ConfigError(`--bandwidth: expected Mbit/s as a positive number, got ${JSON.stringify(options.bandwidth)}`);
  const loaded = await loadConfig({ startDir: cwd, cwd, ...(options.config ? { explicitPath: options.config } : {}) });
  const budgets = collectBudgets(loaded.inspect, loaded.file, options, await readDiveCi(options, cwd));
  const workers = options.workers !== undefined ? intOption(options.workers, '--workers') : undefined;
  const openOptions: OpenOptions = { ...(options.platform ? { platform: options.platform } : {}), ...(options.insecure ? { insecure: true } : {}) };

  let baseHint: { reference: string; diffIds: string[] } | undefined;
  if (options.base) {
    const base = await openImage(options.base, openOptions);
    try {
      baseHint = { reference: options.base, diffIds: base.layers.map((l) => l.diffId) };
    } finally {
      await base.close();
    }
  }

  const image = await openImage(ref, openOptions);
  let report: InspectReport;
  const total = image.layers.reduce((s, l) => s + l.compressedSize, 0);
  const bar = !options.quiet && options.progress !== false && runtime.stderr.isTTY && total >= PROGRESS_MIN_BYTES ? progressBar(runtime.stderr) : null;
  try {
    report = await inspectImage(image, {
      pass: { ...(workers !== undefined ? { workers } : {}), ...(bar ? { onProgress: bar.update } : {}) },
      ...(baseHint ? { base: baseHint } : {}),
      bandwidthMbit: bandwidth,
      budgets,
      toolVersion: whittleVersion(),
      ...(options.format === 'html' ? { detail: (ctx) => htmlDetail(ctx) } : {}),
    });
  } finally {
    bar?.done();
    await image.close();
  }

  if (sbom) await writeFileAtomic(resolve(cwd, sbom.file), formatSbom(report, sbom.format));
  if (!options.quiet) {
    const text =
      options.format === 'json'
        ? formatInspectJson(report)
        : options.format === 'html'
          ? formatInspectHtml(report)
          : formatInspectText(report, {
            color: options.output ? false : runtime.useColor(command, 'stdout'),
            layers: Boolean(options.layers),
            files: Boolean(options.files),
          });
    if (options.output) await writeFileAtomic(resolve(cwd, options.output), text);
    else runtime.stdout.write(text);
  }
  const broken = report.budgets.filter((b) => !b.passed);
  if (options.quiet) for (const b of broken) runtime.stderr.write(`budget ${b.budget} broken: ${String(b.actual)} (limit ${String(b.limit)}, ${b.source})\n`);
  if (broken.length) runtime.setExitCode(ExitCode.Findings);
  return report;
}

export const registerInspect: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('inspect')
    .description('analyze an image: layers, wasted bytes, packages, attack surface, findings and budgets')
    .argument('[image]', 'registry reference, docker save archive, OCI layout or archive (docker-archive:, oci:, oci-archive:, docker-daemon: prefixes)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'html']).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--layers', 'text: every layer with its full command and changes')
    .option('--files', 'text: largest, wasted and duplicate files, and junk')
    .option('--sbom <format-and-file...>', `also write an SBOM of the packages: --sbom ${SBOM_FORMATS.join('|')} FILE`)
    .option('--platform <os/arch>', 'the platform to pick from a multi-platform image (default: this host)')
    .option('--insecure', 'allow plain HTTP and unverified TLS registries')
    .option('-q, --quiet', 'no report; only broken budgets on stderr and the exit code')
    .option('--base <image>', 'the base image: its layers are marked as base in the report')
    .option('--bandwidth <mbit>', 'network bandwidth for the pull-time estimate, in Mbit/s', '100')
    .option('--max-size <size>', 'budget: largest uncompressed image size (200MB, 1.5GiB)')
    .option('--max-layers <n>', 'budget: most layers')
    .option('--min-efficiency <ratio>', 'budget: lowest efficiency (0.95 or 95%)')
    .option('--max-wasted <size>', 'budget: most wasted bytes')
    .option('--forbid-root', 'budget: fail when the image runs as root')
    .option('--forbid-shell', 'budget: fail when the image contains a shell')
    .option('-c, --config <file>', 'read this config file instead of searching for .whittle.yaml')
    .option('--dive-ci <file>', "read dive's CI rules from this file (default: ./.dive-ci when present)")
    .option('--no-dive-ci', 'ignore ./.dive-ci')
    .option('--no-progress', 'never draw a progress bar')
    .addOption(new Option('--workers <n>', 'worker threads for the layer pass (0: this thread)').hideHelp())
    .addHelpText('after', '\nExit codes: 0 within budgets, 1 a budget is broken, 2 usage, input or internal error.')
    .action(async (image: string | undefined, options: InspectCliOptions) => {
      await runInspect(image, options, command, runtime);
    });
};
