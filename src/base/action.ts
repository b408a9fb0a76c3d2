/** The `whittle base` command: options to buildBase, progress on stderr, a summary on stdout. */
import { ConfigError } from '../core/errors.js';
import type { CliRuntime } from '../cli/runtime.js';
import type { Compression } from '../image/types.js';
import { buildBase, type BuildBaseResult } from './build.js';
import { presetNames, presetText } from './presets.js';

export interface BaseCliOptions {
  preset?: string;
  add?: string[];
  output?: string;
  lock?: string;
  update?: boolean;
  offline?: boolean;
  sbom?: string;
  arch?: string[];
  cacheDir?: string;
  compression?: Compression;
  insecure?: boolean;
  listPresets?: boolean;
  showPreset?: string;
  quiet?: boolean;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatSummary(r: BuildBaseResult, source: string): string {
  const lines = [`whittle base: ${source} -> ${r.target}`];
  for (const arch of r.architectures) {
    const layers = r.layers.filter((l) => l.architecture === arch);
    const count = layers.reduce((s, l) => s + l.packages.length, 0);
    const total = layers.reduce((s, l) => s + l.size, 0);
    lines.push(`  ${arch}: ${count} packages, ${layers.length} layer${layers.length === 1 ? '' : 's'}, ${formatBytes(total)} compressed`);
    const width = Math.max(...layers.map((l) => l.name.length));
    for (const l of layers) {
      const names = l.packages.length > 8 ? `${l.packages.slice(0, 8).join(' ')} … (${l.packages.length})` : l.packages.join(' ');
      lines.push(`    ${l.name.padEnd(width)}  ${formatBytes(l.size).padStart(9)}  ${l.digest.slice(0, 19)}  ${names}`);
    }
  }
  lines.push(`  digest ${r.digest}`);
  if (r.lockFile) lines.push(`  lock   ${r.lockFile}${r.lockWritten ? ' (written)' : ' (used as is)'}`);
  if (r.sbom) lines.push(`  sbom   ${r.sbom}`);
  lines.push(`  time   ${r.seconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

export async function baseAction(spec: string | undefined, options: BaseCliOptions, runtime: CliRuntime): Promise<void> {
  if (options.listPresets) {
    for (const name of presetNames()) {
      const purpose = presetText(name).split('\n')[0]!.replace(/^# whittle base preset(?: \([^)]*\))?: /, '');
      runtime.stdout.write(`${name.padEnd(14)} ${name.endsWith('-debug') ? `${name.slice(0, -6)} + busybox (busybox sh), for kubectl debug` : purpose}\n`);
    }
    return;
  }
  if (options.showPreset !== undefined) {
    runtime.stdout.write(presetText(options.showPreset));
    return;
  }
  if (!options.output) throw new ConfigError('missing --output (oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG] or a registry reference)');
  const progress = options.quiet ? undefined : (message: string) => runtime.stderr.write(`${message}\n`);
  const result = await buildBase({
    ...(spec !== undefined ? { spec } : {}),
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(options.add ? { add: options.add } : {}),
    output: options.output,
    ...(options.lock !== undefined ? { lock: options.lock } : {}),
    update: Boolean(options.update),
    offline: Boolean(options.offline),
    ...(options.sbom !== undefined ? { sbom: options.sbom } : {}),
    ...(options.arch ? { architectures: options.arch } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    compression: options.compression ?? 'gzip',
    insecure: Boolean(options.insecure),
    ...(progress ? { onProgress: progress } : {}),
  });
  runtime.stdout.write(options.quiet ? `${result.digest}\n` : formatSummary(result, options.preset !== undefined ? `preset ${options.preset}` : (spec ?? 'whittle-base.yaml')));
}
