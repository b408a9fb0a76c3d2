/**
 * The examples' optimize + bench run, shared by test/e2e/optimize-bench.test.ts and bench/examples.ts: copy an
 * example to a temporary folder, run the real `whittle optimize --write` with the test catalogue, then
 * `whittle bench NAIVE OPTIMIZED --engine buildah` on the example's own storage (the e2e driver; its bases copied
 * in from the e2e storage: see exampleStorage), and read its JSON report.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchReport } from '../../src/bench/model.js';
import { parseDockerfileSync } from '../../src/dockerfile/index.js';
import type { CmdInstruction, CopyInstruction, Dockerfile } from '../../src/dockerfile/model.js';
import { ensureExampleBases, optimizeE2ECatalogue, runtimes, withExampleStorage, type RuntimeKind } from './example-bases.js';
import type { BuildahStorage } from './e2e-images.js';
import { repoRoot } from './paths.js';
import { runWhittle, type WhittleResult } from './whittle-process.js';

export interface ExampleSpec {
  name: string;
  /** The smoke command, from the optimized image's ENTRYPOINT (exec form). */
  smoke: (entrypoint: string[]) => string[];
  /** The port the server answers on (bench --port). */
  port: number;
  /** The runtime bases its catalogue entry names. */
  runtimes: RuntimeKind[];
}

export const examples: Record<string, ExampleSpec> = {
  'python-app': {
    name: 'python-app',
    // The C extension imported and called in the runtime image (libpq must be there); the interpreter is the image's.
    smoke: () => ['python3', '-c', 'import pgclient; print(pgclient.libpq_version())'],
    port: 8000,
    runtimes: ['python3'],
  },
  'go-server': { name: 'go-server', smoke: (entrypoint) => [...entrypoint, '-healthcheck', '-self'], port: 8080, runtimes: [] },
  'node-app': { name: 'node-app', smoke: (entrypoint) => [...entrypoint, '--healthcheck'], port: 3000, runtimes: ['nodejs'] },
  'java-service': { name: 'java-service', smoke: (entrypoint) => [...entrypoint, '--healthcheck'], port: 8080, runtimes: ['java'] },
};

export interface ExampleRun {
  /** A temporary folder holding `naive/` (the example as it is) and `optimized/` (the same after optimize --write). */
  dir: string;
  naiveContext: string;
  optimizedContext: string;
  optimizedDockerfile: string;
  optimize: WhittleResult;
  bench?: WhittleResult;
  report?: BenchReport;
  smoke?: string[];
}

/**
 * Two copies of the example (the original is never written): `naive/` stays as it is, so the naive build sees
 * exactly the example's context, and `optimized/` gets the optimized Dockerfile and its .dockerignore.
 */
export async function copyExample(name: string): Promise<{ dir: string; naive: string; optimized: string }> {
  const dir = await mkdtemp(join(tmpdir(), `whittle-example-${name}-`));
  const naive = join(dir, 'naive');
  const optimized = join(dir, 'optimized');
  await cp(join(repoRoot, 'examples', name), naive, { recursive: true });
  await cp(join(repoRoot, 'examples', name), optimized, { recursive: true });
  return { dir, naive, optimized };
}

/** `whittle optimize --write` with the test catalogue, over the copy's Dockerfile. */
export async function optimizeExample(context: string): Promise<WhittleResult> {
  return runWhittle(['optimize', '--write', '--config', optimizeE2ECatalogue, join(context, 'Dockerfile')], { cwd: context, timeoutMs: 120_000 });
}

/** The exec-form ENTRYPOINT (then CMD) of the last stage, as the smoke command's program. */
export function finalEntrypoint(dockerfile: Dockerfile): string[] {
  const last = dockerfile.stages.length - 1;
  const commands = dockerfile.instructions.filter((i): i is CmdInstruction => (i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD') && i.stageIndex === last);
  const entrypoint = commands.filter((c) => c.keyword === 'ENTRYPOINT').pop() ?? commands.pop();
  if (!entrypoint) return [];
  return entrypoint.command.form === 'exec' ? entrypoint.command.argv : ['/bin/sh', '-c', entrypoint.command.script];
}

/**
 * How many RUN/COPY/ADD steps a rebuild after a change to a source file must take from the cache: in each stage,
 * the steps before the first one that copies the build context's sources (COPY . / COPY of a folder holding
 * sources) or an artefact of another stage (`COPY --from`), which are the ones that may change.
 */
export function stepsBeforeSources(dockerfile: Dockerfile, changedFile: string): number {
  let count = 0;
  for (let stage = 0; stage < dockerfile.stages.length; stage++) {
    for (const instruction of dockerfile.instructions.filter((i) => i.stageIndex === stage && !i.onbuildParent)) {
      if (!/^(RUN|COPY|ADD)$/.test(instruction.keyword)) continue;
      if (instruction.keyword !== 'RUN') {
        const copy = instruction as CopyInstruction;
        if (copy.from !== undefined || copy.sources.some((s) => coversFile(s, changedFile))) break;
      }
      count++;
    }
  }
  return count;
}

/** Whether a COPY source (relative to the context) includes the file: `.`, a parent folder, the file, or a glob. */
function coversFile(source: string, file: string): boolean {
  const s = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (s === '' || s === '.' || /[*?[]/.test(s)) return true;
  return file === s || file.startsWith(`${s}/`);
}

export interface BenchRunOptions {
  runs: number;
  /** `local` (bench starts a docker-registry per measurement) or HOST:PORT. */
  registry?: string;
  smoke: string[];
  port?: number;
  /** The storage bench builds in; its bases must be there. */
  storage: BuildahStorage;
}

/** `whittle bench naive/Dockerfile optimized/Dockerfile --engine buildah --format json` on the given storage. */
export async function benchExample(run: Pick<ExampleRun, 'naiveContext' | 'optimizedContext'>, options: BenchRunOptions): Promise<{ result: WhittleResult; report?: BenchReport }> {
  const args = [
    'bench',
    join(run.naiveContext, 'Dockerfile'),
    join(run.optimizedContext, 'Dockerfile'),
    '--engine',
    'buildah',
    ...options.storage.benchFlags,
    '--pull',
    'never',
    '--runs',
    String(options.runs),
    '--registry',
    options.registry ?? 'local',
    '--smoke-json',
    JSON.stringify(options.smoke),
    ...(options.port !== undefined ? ['--port', String(options.port)] : []),
    '--format',
    'json',
  ];
  const result = await runWhittle(args, { cwd: run.optimizedContext, timeoutMs: 90 * 60_000 });
  let report: BenchReport | undefined;
  try {
    report = JSON.parse(result.stdout) as BenchReport;
  } catch {
    report = undefined;
  }
  return { result, report };
}

/** Copy, optimize and bench one example (its bases prepared first, in its own storage). */
export async function runExample(name: string, options: Omit<BenchRunOptions, 'smoke' | 'port' | 'storage'> & { withPort?: boolean }): Promise<ExampleRun> {
  const spec = examples[name];
  if (!spec) throw new Error(`no example ${name}`);
  const bases = await ensureExampleBases(spec.runtimes);
  const copy = await copyExample(name);
  const optimize = await optimizeExample(copy.optimized);
  const optimizedDockerfile = join(copy.optimized, 'Dockerfile');
  const run: ExampleRun = { dir: copy.dir, naiveContext: copy.naive, optimizedContext: copy.optimized, optimizedDockerfile, optimize };
  if (optimize.code !== 0) return run;
  const optimized = parseDockerfileSync(await readFile(optimizedDockerfile, 'utf8'), optimizedDockerfile);
  run.smoke = spec.smoke(finalEntrypoint(optimized));
  const images = [bases.debian, ...spec.runtimes.map((kind) => runtimes[kind].name)];
  const smoke = run.smoke;
  const bench = await withExampleStorage(name, images, (storage) => benchExample(run, { ...options, storage, smoke, ...(options.withPort ? { port: spec.port } : {}) }));
  run.bench = bench.result;
  if (bench.report) run.report = bench.report;
  return run;
}

export async function removeExampleCopy(run: ExampleRun | undefined): Promise<void> {
  if (run) await rm(run.dir, { recursive: true, force: true });
}
