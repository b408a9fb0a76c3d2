/**
 * `runBench(options)`: builds one or two Dockerfiles with a real engine and measures what the seeds compare:
 * size (uncompressed and compressed), layers, cold build, rebuild after a one-line source change, push and pull,
 * packages, files, inspect findings; then the smoke tests. Every timing is repeated `runs` times (medians).
 *
 * Cold builds use `--no-cache` in the bench storage: every step runs again, while the base image stays local, so
 * the figure is the Dockerfile's own work, as a CI runner without a layer cache does it, and not the time to fetch
 * a base from wherever it lives (a fresh storage would also need the base pulled again, impossible offline).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inspectImage } from '../analyze/inspect.js';
import { dockerignorePath } from '../cli/build-context.js';
import { ConfigError, InputError } from '../core/errors.js';
import type { Severity } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';
import {
  benchStorage,
  buildImage,
  detectEngine,
  exportOci,
  findRegistryProgram,
  pullImage,
  pushImage,
  removeImage,
  startLocalRegistry,
  stepMakesLayer,
} from '../engine/index.js';
import type { BuildResult, Engine, EngineName, EngineStorage, PullPolicy } from '../engine/types.js';
import { openImage } from '../image/open.js';
import type { ImageFinding } from '../report/inspect/model.js';
import type { BenchImage, BenchReport, FindingSummary, RebuildResult, SmokeResult } from './model.js';
import { BENCH_REPORT_VERSION } from './model.js';
import { chooseChangedFile, copyWithChange } from './source-change.js';
import { smokeCommand, smokePort } from './smoke.js';
import { stats } from './stats.js';

export const COLD_BUILD_METHOD = '--no-cache in the bench storage (base image kept local: the Dockerfile\'s own work, as a CI runner without a layer cache)';

export interface BenchTarget {
  dockerfile: string;
  /** Default: the Dockerfile's folder. */
  context?: string;
  /** Default: `before`/`after` for two, `image` for one. */
  label?: string;
}

export interface BenchOptions {
  /** One or two images (before, after). */
  targets: BenchTarget[];
  engine?: EngineName | 'auto';
  /** Default: /var/tmp/whittle-bench (never the user's default storage). */
  storage?: EngineStorage;
  /** Builds per image (default 3); medians are reported. */
  runs?: number;
  /** `HOST:PORT`, `none`, or `local` (default: a docker-registry started per measurement, `none` when not installed). */
  registry?: string;
  /** Smoke command (exec form) that must exit 0 in each image. */
  smoke?: string[];
  /** A port the image's entrypoint must answer on (127.0.0.1). */
  port?: number;
  smokeTimeoutMs?: number;
  buildArgs?: Record<string, string>;
  pull?: PullPolicy;
  /** The file the rebuild measure changes (relative to the context); default: a source file picked in the context. */
  change?: string;
  /** Measure the rebuild after a source change (default true). */
  rebuild?: boolean;
  /** Keep the built images in the storage (default: removed at the end). */
  keepImages?: boolean;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  toolVersion?: string;
}

const SMOKE_TIMEOUT_MS = 30_000;

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

interface ResolvedTarget {
  label: string;
  dockerfile: string;
  context: string;
}

function resolveTargets(targets: BenchTarget[]): ResolvedTarget[] {
  if (targets.length < 1 || targets.length > 2) throw new ConfigError('whittle bench takes one Dockerfile, or two to compare (before, after)');
  const labels = targets.length === 2 ? ['before', 'after'] : ['image'];
  return targets.map((t, i) => {
    const dockerfile = resolve(t.dockerfile);
    if (!existsSync(dockerfile)) throw new InputError('no such Dockerfile', t.dockerfile);
    if (!statSync(dockerfile).isFile()) throw new InputError('not a file (give the Dockerfile, and the folder with --context)', t.dockerfile);
    const context = resolve(t.context ?? dirname(dockerfile));
    if (!existsSync(context) || !statSync(context).isDirectory()) throw new InputError('the build context is not a folder', t.context ?? context);
    const label = t.label ?? labels[i]!;
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(label)) throw new ConfigError(`label "${label}" must be lower-case letters, digits, ".", "_" or "-"`);
    return { label, dockerfile, context };
  });
}

function summarizeFindings(findings: ImageFinding[]): FindingSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const counts = new Map<string, number>();
  let bytes = 0;
  for (const f of findings) {
    bySeverity[f.severity]++;
    counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    bytes += f.bytes ?? 0;
  }
  const rules = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r]) => r);
  return { total: findings.length, bySeverity, rules, bytes };
}

/**
 * Leading layers of `rebuilt` that an earlier build already had at the same position (same DiffID). Any of the
 * cold builds counts: after several `--no-cache` runs the engine's cache holds a layer from each, and a cache
 * hit may take any of them.
 */
export function sharedPrefix(earlier: ReadonlyArray<readonly string[]>, rebuilt: readonly string[]): number {
  let n = 0;
  while (n < rebuilt.length && earlier.some((layers) => layers[n] === rebuilt[n])) n++;
  return n;
}

async function withTemp<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Registry {
  mode: 'local' | 'none' | 'remote';
  host?: string;
}

function chooseRegistry(option: string | undefined, log: (l: string) => void): Registry {
  if (option === 'none') return { mode: 'none' };
  if (option === undefined || option === 'local') {
    if (findRegistryProgram()) return { mode: 'local' };
    if (option === 'local') throw new ConfigError('--registry local: no docker-registry program is installed (apt-get install docker-registry)');
    log('no docker-registry installed and no --registry given: push and pull are not measured');
    return { mode: 'none' };
  }
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(option) && !/^\[[0-9a-fA-F:]+\](:\d+)?$/.test(option)) {
    throw new ConfigError(`--registry expects HOST:PORT, "local" or "none", got "${option}"`);
  }
  return { mode: 'remote', host: option };
}

class Bench {
  private readonly nonce = randomBytes(4).toString('hex');
  private readonly made: string[] = [];
  constructor(
    private readonly engine: Engine,
    private readonly options: BenchOptions,
    private readonly registry: Registry,
    private readonly log: (l: string) => void,
  ) {}

  private tag(label: string, suffix = ''): string {
    const tag = `localhost/whittle-bench/${label}-${this.nonce}${suffix}:latest`;
    this.made.push(tag);
    return tag;
  }

  private build(target: ResolvedTarget, tag: string, noCache: boolean, dockerfile = target.dockerfile, context = target.context): Promise<BuildResult> {
    return buildImage(this.engine, {
      dockerfile,
      context,
      tag,
      noCache,
      ...(this.options.buildArgs ? { buildArgs: this.options.buildArgs } : {}),
      pull: this.options.pull ?? 'missing',
    });
  }

  async measure(target: ResolvedTarget): Promise<BenchImage> {
    const runs = this.options.runs ?? 3;
    const tag = this.tag(target.label);
    const rebuildTag = this.tag(target.label, '-rebuild');
    const ignorePath = dockerignorePath(target.dockerfile, target.context);
    const ignoreText = ignorePath ? await readFile(ignorePath, 'utf8') : null;
    const changed = this.options.rebuild === false ? null : await chooseChangedFile(target.context, ignoreText, this.options.change);
    const cold: number[] = [];
    const rebuildSeconds: number[] = [];
    let last: BuildResult | undefined;
    let rebuilt: BuildResult | undefined;
    const coldLayers: string[][] = [];
    for (let run = 1; run <= runs; run++) {
      this.log(`${target.label}: cold build ${run}/${runs} (${this.engine.name}, --no-cache)`);
      last = await this.build(target, tag, true);
      cold.push(last.seconds);
      coldLayers.push(last.layers);
      if (changed) {
        this.log(`${target.label}: rebuild ${run}/${runs} after a one-line change to ${changed}`);
        rebuilt = await withTemp('whittle-bench-ctx-', async (dir) => {
          const copy = join(dir, 'context');
          await copyWithChange(target.context, copy, changed, `${this.nonce}-${run}`);
          const dockerfile = inside(target.context, target.dockerfile) ? join(copy, relative(target.context, target.dockerfile)) : target.dockerfile;
          return this.build(target, rebuildTag, false, dockerfile, copy);
        });
        rebuildSeconds.push(rebuilt.seconds);
      }
    }
    const built = last!;
    let rebuild: RebuildResult | null = null;
    if (changed && rebuilt) {
      const layerSteps = rebuilt.steps.filter(stepMakesLayer);
      const cachedSteps = layerSteps.filter((s) => s.cached).length;
      const reused = sharedPrefix(coldLayers, rebuilt.layers);
      rebuild = {
        seconds: stats(rebuildSeconds),
        changedFile: changed,
        reusedLayers: reused,
        rebuiltLayers: rebuilt.layers.length - reused,
        cachedSteps,
        layerSteps: layerSteps.length,
        cacheHeld: cachedSteps > 0,
      };
    }

    this.log(`${target.label}: exporting to an OCI layout and inspecting`);
    const inspected = await withTemp('whittle-bench-oci-', async (dir) => {
      const layout = join(dir, 'oci');
      await exportOci(this.engine, tag, layout);
      const image = await openImage(`oci:${layout}:latest`);
      try {
        return await inspectImage(image, { toolVersion: this.options.toolVersion ?? '0.0.0' });
      } finally {
        await image.close();
      }
    });

    const { push, pull } = await this.transfer(target, tag, runs);
    const smoke = await this.smoke(target, tag);
    return {
      label: target.label,
      dockerfile: target.dockerfile,
      context: target.context,
      tag,
      imageId: built.imageId,
      sizeBytes: inspected.image.sizeBytes,
      compressedSizeBytes: inspected.image.compressedSizeBytes,
      layerCount: inspected.image.layerCount,
      coldBuild: stats(cold),
      rebuild,
      push,
      pull,
      packages: inspected.packages.length,
      files: inspected.image.fileCount,
      findings: summarizeFindings(inspected.findings),
      smoke,
      failed: smoke.some((s) => !s.passed),
    };
  }

  private async transfer(target: ResolvedTarget, tag: string, runs: number): Promise<Pick<BenchImage, 'push' | 'pull'>> {
    if (this.registry.mode === 'none') return { push: null, pull: null };
    const push: number[] = [];
    const pull: number[] = [];
    for (let run = 1; run <= runs; run++) {
      // A fresh registry each time: the push finds no blob there and cannot mount one from an earlier run.
      const local = this.registry.mode === 'local' ? await startLocalRegistry() : undefined;
      try {
        const host = local?.host ?? this.registry.host!;
        const ref = `${host}/whittle-bench/${target.label}-${this.nonce}-${run}:latest`;
        this.log(`${target.label}: push ${run}/${runs} to ${host}`);
        push.push(await pushImage(this.engine, tag, ref));
        this.log(`${target.label}: pull ${run}/${runs} into an empty OCI layout`);
        pull.push(await withTemp('whittle-bench-pull-', (dir) => pullImage(ref, join(dir, 'oci'))));
      } finally {
        await local?.stop();
      }
    }
    return { push: stats(push), pull: stats(pull) };
  }

  private async smoke(target: ResolvedTarget, tag: string): Promise<SmokeResult[]> {
    const results: SmokeResult[] = [];
    const timeout = this.options.smokeTimeoutMs ?? SMOKE_TIMEOUT_MS;
    if (this.options.smoke) {
      this.log(`${target.label}: smoke test ${JSON.stringify(this.options.smoke)}`);
      results.push(await smokeCommand(this.engine, tag, this.options.smoke, timeout));
    }
    if (this.options.port !== undefined) {
      this.log(`${target.label}: smoke test: start the entrypoint, wait for 127.0.0.1:${this.options.port}`);
      results.push(await smokePort(this.engine, tag, this.options.port, timeout));
    }
    return results;
  }

  async cleanup(): Promise<void> {
    if (this.options.keepImages) return;
    for (const tag of this.made) await removeImage(this.engine, tag);
  }
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? 3;
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new ConfigError(`--runs must be a whole number from 1 to 100, got ${runs}`);
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) {
    throw new ConfigError(`--port must be a TCP port (1-65535), got ${options.port}`);
  }
  if (options.smoke && options.smoke.length === 0) throw new ConfigError('--smoke needs a command');
  const targets = resolveTargets(options.targets);
  const registry = chooseRegistry(options.registry, log);
  const storage = options.storage ?? benchStorage();
  const engine = await detectEngine({ engine: options.engine ?? 'auto', storage });
  log(`engine: ${engine.name} ${engine.version}${engine.storage ? ` (storage ${engine.storage.root})` : ''}`);
  const bench = new Bench(engine, { ...options, runs }, registry, log);
  const images: BenchImage[] = [];
  try {
    for (const target of targets) images.push(await bench.measure(target));
  } finally {
    await bench.cleanup();
  }
  return {
    schemaVersion: BENCH_REPORT_VERSION,
    tool: { name: 'whittle', version: options.toolVersion ?? '0.0.0' },
    createdAt: new Date().toISOString(),
    engine: { name: engine.name, version: engine.version, storage: engine.storage?.root ?? null },
    settings: {
      runs,
      coldBuild: COLD_BUILD_METHOD,
      pull: options.pull ?? 'missing',
      registry: registry.mode === 'remote' ? registry.host! : registry.mode,
    },
    images,
    passed: images.every((i) => !i.failed),
  };
}
