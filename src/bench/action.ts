/** What `whittle bench` does once its options are parsed: check them, run the bench, render, exit 1 on a failed smoke test. */
import type { Command } from 'commander';
import { writeFileAtomic } from '../cli/atomic-write.js';
import type { CliRuntime } from '../cli/runtime.js';
import { whittleVersion } from '../cli/version.js';
import { ConfigError, ExitCode, InputError } from '../core/errors.js';
import { benchStorage } from '../engine/storage.js';
import type { EngineName, PullPolicy } from '../engine/types.js';
import { formatBenchHtml } from './html.js';
import { formatBenchJson } from './json.js';
import { runBench, type BenchTarget } from './run.js';
import { parseSmokeJson, splitSmoke } from './smoke.js';
import { formatBenchText } from './text.js';

export interface BenchCliOptions {
  context?: string;
  contextAfter?: string;
  engine: EngineName | 'auto';
  runs: string;
  registry?: string;
  smoke?: string;
  smokeJson?: string;
  port?: string;
  smokeTimeout: string;
  format: 'text' | 'json' | 'html';
  output?: string;
  buildArg?: string[];
  storage?: string;
  runroot?: string;
  storageDriver?: string;
  pull: PullPolicy;
  change?: string;
  rebuild: boolean;
  keepImages?: boolean;
  quiet?: boolean;
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${option} expects a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

export function parseBuildArgs(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--build-arg expects KEY=VALUE, got "${v}"`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

export async function benchAction(dockerfiles: string[], options: BenchCliOptions, command: Command, runtime: CliRuntime): Promise<void> {
  if (dockerfiles.length > 2) throw new ConfigError('whittle bench takes one Dockerfile, or two to compare (BEFORE AFTER)');
  if (options.smoke !== undefined && options.smokeJson !== undefined) throw new ConfigError('give --smoke or --smoke-json, not both');
  const smoke = options.smokeJson !== undefined ? parseSmokeJson(options.smokeJson) : options.smoke !== undefined ? splitSmoke(options.smoke) : undefined;
  if (smoke && smoke.length === 0) throw new ConfigError('--smoke needs a command');
  const targets: BenchTarget[] = dockerfiles.map((dockerfile, i) => {
    const context = i === 0 ? options.context : (options.contextAfter ?? options.context);
    return { dockerfile, ...(context !== undefined ? { context } : {}) };
  });
  const report = await runBench({
    targets,
    engine: options.engine,
    storage: benchStorage(options.storage, options.runroot, options.storageDriver),
    runs: wholeNumber(options.runs, '--runs', 1, 100),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
    ...(smoke ? { smoke } : {}),
    ...(options.port !== undefined ? { port: wholeNumber(options.port, '--port', 1, 65535) } : {}),
    smokeTimeoutMs: wholeNumber(options.smokeTimeout, '--smoke-timeout', 1, 3600) * 1000,
    buildArgs: parseBuildArgs(options.buildArg ?? []),
    pull: options.pull,
    ...(options.change !== undefined ? { change: options.change } : {}),
    rebuild: options.rebuild,
    keepImages: options.keepImages ?? false,
    toolVersion: whittleVersion(),
    ...(options.quiet ? {} : { log: (line: string) => runtime.stderr.write(`[bench] ${line}\n`) }),
  });
  const color = options.output === undefined && runtime.useColor(command, 'stdout');
  const rendered = options.format === 'json' ? formatBenchJson(report) : options.format === 'html' ? formatBenchHtml(report) : formatBenchText(report, { color });
  if (options.output === undefined) runtime.stdout.write(rendered);
  else {
    try {
      await writeFileAtomic(options.output, rendered);
    } catch (err) {
      throw new InputError(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`, options.output);
    }
  }
  if (!report.passed) runtime.setExitCode(ExitCode.Findings);
}
