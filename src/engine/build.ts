/**
 * `buildImage(engine, options)`: one build with the engine's own CLI, timed, with the layers (DiffIDs) of the
 * result and which steps came from the cache (read from the engine's progress output: buildah and podman print
 * `--> Using cache`, BuildKit's plain progress prints `CACHED`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { execProgram, lastLines } from './exec.js';
import type { BuildOptions, BuildResult, BuildStep, Engine, ImageConfigSummary } from './types.js';

const DEFAULT_BUILD_TIMEOUT_MS = 30 * 60_000;

function buildArgList(buildArgs: Record<string, string> | undefined): string[] {
  return Object.entries(buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
}

export function buildCommand(engine: Engine, options: BuildOptions, iidFile: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const pull = options.pull ?? 'missing';
  const common = ['-t', options.tag, '-f', options.dockerfile, '--iidfile', iidFile, ...(options.noCache ? ['--no-cache'] : []), ...buildArgList(options.buildArgs)];
  if (engine.name === 'docker') {
    // BuildKit's --pull is a yes/no: `always` maps to it; `missing` and `never` both use a local base when there is one.
    return {
      args: ['build', '--progress', 'plain', ...(pull === 'always' ? ['--pull'] : []), ...common, options.context],
      env: { ...process.env, DOCKER_BUILDKIT: '1' },
    };
  }
  // --layers keeps a cache image per step (as docker build does); chroot isolation needs no user namespaces;
  // --force-rm removes the working container of a failed step too (it would keep its mount and its disk).
  const sub = engine.name === 'buildah' ? 'bud' : 'build';
  return { args: [...engine.globalArgs, sub, '--layers', '--force-rm', '--isolation', 'chroot', `--pull=${pull}`, ...common, options.context], env: process.env };
}

/**
 * The steps of a buildah/podman build log: `STEP n/m: INSTRUCTION` (prefixed `[stage/stages] ` in a multi-stage
 * build), then `--> Using cache ID` when cached.
 */
export function parseBuildahSteps(log: string): BuildStep[] {
  const steps: BuildStep[] = [];
  for (const line of log.split('\n')) {
    const step = /^(?:\[\d+\/\d+\] )?STEP \d+(?:\/\d+)?: (.*)$/.exec(line.trim());
    if (step) steps.push({ instruction: step[1]!, cached: false });
    else if (/^--> Using cache /.test(line.trim()) && steps.length) steps[steps.length - 1]!.cached = true;
  }
  return steps;
}

/** The steps of a BuildKit plain-progress log: `#N [stage i/n] INSTRUCTION`, then `#N CACHED`. */
export function parseBuildkitSteps(log: string): BuildStep[] {
  const byId = new Map<string, BuildStep>();
  for (const line of log.split('\n')) {
    const step = /^#(\d+) \[[^\]]*\d+\/\d+\] (.*)$/.exec(line.trim());
    if (step && !byId.has(step[1]!)) byId.set(step[1]!, { instruction: step[2]!, cached: false });
    const cached = /^#(\d+) CACHED$/.exec(line.trim());
    if (cached && byId.has(cached[1]!)) byId.get(cached[1]!)!.cached = true;
  }
  return [...byId.values()];
}

/** Whether a step writes a layer (RUN, COPY, ADD): the steps whose cache makes rebuilds fast. */
export function stepMakesLayer(step: BuildStep): boolean {
  return /^(RUN|COPY|ADD)\b/i.test(step.instruction.trim());
}

export async function buildImage(engine: Engine, options: BuildOptions): Promise<BuildResult> {
  const work = await mkdtemp(join(tmpdir(), 'whittle-build-'));
  try {
    const iidFile = join(work, 'iid');
    const { args, env } = buildCommand(engine, options, iidFile);
    const r = await execProgram(engine.program, args, { env, timeoutMs: options.timeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS, maxStdout: 4_000_000 });
    const log = `${r.stdout}\n${r.stderr}`;
    if (r.code !== 0 || r.signal) {
      const why = r.signal === 'timeout' ? 'timed out' : `exited with ${r.code}`;
      throw new InputError(`${engine.name} build ${why}:\n${lastLines(log, 15)}`, options.dockerfile);
    }
    const imageId = (await readFile(iidFile, 'utf8')).trim();
    const steps = engine.name === 'docker' ? parseBuildkitSteps(log) : parseBuildahSteps(log);
    return { seconds: r.seconds, imageId, layers: await imageLayers(engine, imageId), steps };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface InspectedConfig {
  layers: string[];
  config: { Entrypoint?: string[] | null; Cmd?: string[] | null; ExposedPorts?: Record<string, unknown> | null };
}

async function inspectImageConfig(engine: Engine, image: string): Promise<InspectedConfig> {
  if (engine.name === 'docker') {
    const r = await execProgram('docker', ['image', 'inspect', image]);
    if (r.code !== 0) throw new InputError(`docker image inspect ${image} failed: ${lastLines(r.stderr, 3)}`);
    const [info] = JSON.parse(r.stdout) as Array<{ RootFS?: { Layers?: string[] }; Config?: InspectedConfig['config'] }>;
    return { layers: info?.RootFS?.Layers ?? [], config: info?.Config ?? {} };
  }
  const args = engine.name === 'buildah' ? ['inspect', '--type', 'image', image] : ['image', 'inspect', image];
  const r = await execProgram(engine.program, [...engine.globalArgs, ...args]);
  if (r.code !== 0) throw new InputError(`${engine.name} inspect ${image} failed: ${lastLines(r.stderr, 3)}`);
  const parsed = JSON.parse(r.stdout) as
    | { OCIv1?: { rootfs?: { diff_ids?: string[] }; config?: InspectedConfig['config'] } }
    | Array<{ RootFS?: { Layers?: string[] }; Config?: InspectedConfig['config'] }>;
  if (Array.isArray(parsed)) return { layers: parsed[0]?.RootFS?.Layers ?? [], config: parsed[0]?.Config ?? {} };
  return { layers: parsed.OCIv1?.rootfs?.diff_ids ?? [], config: parsed.OCIv1?.config ?? {} };
}

/** DiffIDs of an image's layers, bottom first. */
export async function imageLayers(engine: Engine, image: string): Promise<string[]> {
  return (await inspectImageConfig(engine, image)).layers;
}

/** What the image runs by default and the ports it declares. */
export async function imageConfig(engine: Engine, image: string): Promise<ImageConfigSummary> {
  const { config } = await inspectImageConfig(engine, image);
  return { entrypoint: config.Entrypoint ?? [], cmd: config.Cmd ?? [], exposedPorts: Object.keys(config.ExposedPorts ?? {}) };
}

/** Removes an image from the engine's storage (best effort: benches clean up the tags they made). */
export async function removeImage(engine: Engine, image: string): Promise<void> {
  const args = engine.name === 'docker' ? ['image', 'rm', '-f', image] : engine.name === 'buildah' ? ['rmi', '-f', image] : ['image', 'rm', '-f', image];
  await execProgram(engine.program, [...engine.globalArgs, ...args]);
}
