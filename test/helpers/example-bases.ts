/**
 * The base images the examples' optimize/bench end-to-end tests name, made locally so nothing comes from Docker Hub:
 *
 * - `docker.io/library/debian:bookworm`: the e2e debootstrap base (`localhost/whittle-test/debian:bookworm`) tagged
 *   under Docker Hub's name in the e2e storage, so the naive Dockerfiles keep `FROM debian:bookworm` and build with
 *   `--pull=never`;
 * - `localhost/whittle-test/python3-runtime:bookworm`: the Python runtime of the test catalogue
 *   (fixtures/optimize-e2e/.whittle.yaml): `whittle base`'s python3 preset plus libpq5 when src/base/build.ts
 *   provides `buildBase`, else a fallback built from the debootstrap base (fixtures/optimize-e2e/bases/).
 *
 * Each is made once per cache key (its inputs' hash, recorded as a label on the image), under a cross-process lock,
 * so test files and benches running in parallel share one build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { baseImageName, e2eCacheDir, e2eStorage, ensureBaseImage, run } from './e2e-images.js';
import { repoRoot } from './paths.js';

export const optimizeE2EDir = join(repoRoot, 'fixtures', 'optimize-e2e');
/** The test catalogue `whittle optimize` reads (`-c`), naming only the local bases below. */
export const optimizeE2ECatalogue = join(optimizeE2EDir, '.whittle.yaml');
export const debianAlias = 'docker.io/library/debian:bookworm';
export const python3RuntimeName = 'localhost/whittle-test/python3-runtime:bookworm';
const keyLabel = 'org.whittle.examples.base-key';

export type RuntimeSource = 'whittle-base' | 'debootstrap-fallback';

export interface ExampleBases {
  debian: string;
  python3Runtime: { name: string; source: RuntimeSource };
}

let prepared: Promise<ExampleBases> | undefined;

/** Makes (once per process, cached across processes) every base the test catalogue names. */
export function ensureExampleBases(): Promise<ExampleBases> {
  prepared ??= (async () => {
    const debian = await ensureDebianAlias();
    const python3Runtime = await ensurePython3Runtime();
    return { debian, python3Runtime };
  })();
  return prepared;
}

/** Tags the debootstrap base as `docker.io/library/debian:bookworm` in the e2e storage (when it is not already). */
export async function ensureDebianAlias(): Promise<string> {
  await ensureBaseImage();
  await withLock('example-debian-alias', async () => {
    const [wanted, current] = await Promise.all([imageId(baseImageName), imageId(debianAlias)]);
    if (wanted !== current) await buildah(['tag', baseImageName, debianAlias]);
  });
  return debianAlias;
}

/** The Python runtime base: whittle base's python3 preset + libpq5 when available, else the debootstrap fallback. */
export async function ensurePython3Runtime(): Promise<{ name: string; source: RuntimeSource }> {
  const builder = await loadBuildBase();
  if (builder) {
    await ensureWhittleBaseRuntime(builder);
    return { name: python3RuntimeName, source: 'whittle-base' };
  }
  await ensureFallbackRuntime('python3-runtime', python3RuntimeName);
  return { name: python3RuntimeName, source: 'debootstrap-fallback' };
}

type BuildBase = (options: Record<string, unknown>) => Promise<unknown>;

/** `buildBase` from src/base/build.ts, when `whittle base` has it (imported by a computed path: it may not exist yet). */
async function loadBuildBase(): Promise<BuildBase | undefined> {
  if (process.env.WHITTLE_EXAMPLES_FALLBACK_BASE === '1') return undefined;
  const here = new URL('.', import.meta.url);
  for (const candidate of ['../../src/base/build.js', '../../src/base/build.ts']) {
    const url = new URL(candidate, here);
    if (!existsSync(url)) continue;
    const module = (await import(url.href)) as { buildBase?: unknown };
    if (typeof module.buildBase === 'function') return module.buildBase as BuildBase;
  }
  return undefined;
}

/**
 * Builds the python3 preset with libpq5 added, in-process, to an OCI layout, and copies it into the e2e storage.
 * The key is the preset name and packages plus the builder's source, so a change in `whittle base` rebuilds it.
 */
async function ensureWhittleBaseRuntime(buildBase: BuildBase): Promise<void> {
  const packages = ['libpq5'];
  const source = await readFile(new URL('../../src/base/build.' + (import.meta.url.endsWith('.ts') ? 'ts' : 'js'), import.meta.url)).catch(() => Buffer.alloc(0));
  const key = hash(['python3', ...packages].join('\0'), source);
  await withLock('example-python3-runtime', async () => {
    if ((await imageLabel(python3RuntimeName, keyLabel)) === key) return;
    log(`building ${python3RuntimeName} with whittle base (python3 preset + ${packages.join(' ')})`);
    const work = await mkdtemp(join(tmpdir(), 'whittle-example-base-'));
    try {
      const output = join(work, 'oci');
      await buildBase({ preset: 'python3', packages, output: `oci:${output}:latest`, cacheDir: join(e2eCacheDir, 'debs') });
      await run('skopeo', ['copy', '-q', `oci:${output}:latest`, e2eStorage.ref(python3RuntimeName)]);
      // The key as a label, so the next run tells a current image from a stale one without rebuilding.
      const ctr = (await buildah(['from', '--pull=never', python3RuntimeName])).trim();
      await buildah(['config', '--label', `${keyLabel}=${key}`, ctr]);
      await buildah(['commit', '-q', '--rm', ctr, python3RuntimeName]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}

/** Builds fixtures/optimize-e2e/bases/DIR/Dockerfile FROM the debootstrap base, keyed by the Dockerfile and that base. */
async function ensureFallbackRuntime(dir: string, name: string): Promise<void> {
  await ensureBaseImage();
  const context = join(optimizeE2EDir, 'bases', dir);
  const key = hash(await readFile(join(context, 'Dockerfile')), (await imageId(baseImageName)) ?? '');
  await withLock(`example-${dir}`, async () => {
    if ((await imageLabel(name, keyLabel)) === key) return;
    log(`building ${name} from the debootstrap base (fallback)`);
    await buildah(['bud', '--layers', '--isolation', 'chroot', '--pull=never', '--label', `${keyLabel}=${key}`, '-t', name, '-f', join(context, 'Dockerfile'), context]);
  });
}

/** Runs buildah on the e2e storage; returns its stdout. */
export async function buildah(args: string[]): Promise<string> {
  return (await run('buildah', [...e2eStorage.buildahArgs, ...args])).stdout;
}

async function imageInfo(name: string): Promise<{ FromImageID?: string; OCIv1?: { config?: { Labels?: Record<string, string> } } } | undefined> {
  try {
    return JSON.parse(await buildah(['inspect', '--type', 'image', name])) as { FromImageID?: string };
  } catch {
    return undefined;
  }
}

async function imageId(name: string): Promise<string | undefined> {
  return (await imageInfo(name))?.FromImageID;
}

async function imageLabel(name: string, label: string): Promise<string | undefined> {
  return (await imageInfo(name))?.OCIv1?.config?.Labels?.[label];
}

function hash(...parts: (string | Buffer)[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex').slice(0, 16);
}

/** The cross-process lock e2e-images.ts uses (same settings: refreshed while held, stale after a minute). */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(e2eCacheDir, { recursive: true });
  const release = await lockfile.lock(join(e2eCacheDir, name), {
    realpath: false,
    lockfilePath: join(e2eCacheDir, `${name}.lock`),
    stale: 60_000,
    update: 5_000,
    retries: { retries: 3600, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}

function log(message: string): void {
  process.stderr.write(`[example-bases] ${message}\n`);
}
