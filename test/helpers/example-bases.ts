/**
 * The base images the examples' optimize/bench end-to-end tests name, made locally so nothing comes from Docker Hub:
 *
 * - `docker.io/library/debian:bookworm`: the e2e debootstrap base (`localhost/whittle-test/debian:bookworm`) plus the
 *   apt and dpkg settings Debian's official image ships (no .debs kept after install, no translations, dpkg without
 *   fsync), under Docker Hub's name in the e2e storage, so the naive Dockerfiles keep `FROM debian:bookworm`, build
 *   with `--pull=never`, and weigh and build as they would on Docker Hub's image;
 * - `localhost/whittle-test/{python3,nodejs,java}-runtime:bookworm`: the runtimes of the test catalogue
 *   (fixtures/optimize-e2e/.whittle.yaml), `whittle base`'s presets (python3 plus libpq5, nodejs, java).
 *
 * Each is made once per cache key (its inputs' hash), under a cross-process lock, so test files and benches running
 * in parallel share one build.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { buildBase } from '../../src/base/build.js';
import { baseImageName, buildahStorage, e2eCacheDir, e2eStorage, ensureBaseImage, run, withLock, type BuildahStorage } from './e2e-images.js';
import { repoRoot } from './paths.js';

export const optimizeE2EDir = join(repoRoot, 'fixtures', 'optimize-e2e');
/** The test catalogue `whittle optimize` reads (`-c`), naming only the local bases below. */
export const optimizeE2ECatalogue = join(optimizeE2EDir, '.whittle.yaml');
export const debianAlias = 'docker.io/library/debian:bookworm';
const keyLabel = 'org.whittle.examples.base-key';

export type RuntimeKind = 'python3' | 'nodejs' | 'java';

/** Each runtime the test catalogue names: the whittle base preset, plus packages. */
export const runtimes: Record<RuntimeKind, { name: string; preset: string; add: string[] }> = {
  python3: { name: 'localhost/whittle-test/python3-runtime:bookworm', preset: 'python3', add: ['libpq5'] },
  nodejs: { name: 'localhost/whittle-test/nodejs-runtime:bookworm', preset: 'nodejs', add: [] },
  java: { name: 'localhost/whittle-test/java-runtime:bookworm', preset: 'java', add: [] },
};

export interface PreparedRuntime {
  name: string;
  /** The cache key it was built for: the preset, the packages and whittle base's code. */
  key: string;
}

export interface ExampleBases {
  debian: string;
  runtimes: Partial<Record<RuntimeKind, PreparedRuntime>>;
}

const prepared = new Map<string, Promise<unknown>>();

/** Once per process (and cached across processes): the debian alias and the runtimes asked for. */
export async function ensureExampleBases(kinds: RuntimeKind[] = ['python3']): Promise<ExampleBases> {
  const debian = await once('debian', ensureDebianAlias);
  const out: ExampleBases = { debian, runtimes: {} };
  for (const kind of kinds) out.runtimes[kind] = await once(kind, () => ensureRuntime(kind));
  return out;
}

function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!prepared.has(key)) prepared.set(key, make());
  return prepared.get(key) as Promise<T>;
}

/**
 * `docker.io/library/debian:bookworm` in the e2e storage: the debootstrap base plus the apt and dpkg settings of
 * Debian's official image (fixtures/optimize-e2e/bases/debian), so naive builds behave as they would on Docker Hub's.
 */
export async function ensureDebianAlias(): Promise<string> {
  await ensureBaseImage();
  await ensureLocalImage('debian', debianAlias, baseImageName);
  return debianAlias;
}

/**
 * A runtime base: whittle base's preset (plus packages), built in-process to an OCI layout and copied into the e2e
 * storage. The key covers the options and every source file `buildBase` loads (src/base/build and its imports,
 * followed through the tree), so a change to whittle base's code rebuilds the image.
 */
export async function ensureRuntime(kind: RuntimeKind): Promise<PreparedRuntime> {
  const runtime = runtimes[kind];
  const options = { preset: runtime.preset, add: runtime.add };
  const code = await sourceClosure(buildBaseModule);
  const key = hash(JSON.stringify(options), ...code.map(([file, text]) => `${relative(repoRoot, file)}\0${text}`));
  await withLock(`example-${kind}-runtime`, async () => {
    if (await keyMatches(runtime.name, key)) return;
    log(`building ${runtime.name} with whittle base (preset ${runtime.preset}${runtime.add.length ? ` + ${runtime.add.join(' ')}` : ''})`);
    const work = await mkdtemp(join(tmpdir(), 'whittle-example-base-'));
    try {
      const output = join(work, 'oci');
      await buildBase({ ...options, output: `oci:${output}:latest`, cacheDir: join(e2eCacheDir, 'whittle-base') });
      await run('skopeo', ['copy', '-q', `oci:${output}:latest`, e2eStorage.ref(runtime.name)]);
      await recordKey(runtime.name, key);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
  return { name: runtime.name, key };
}

/**
 * whittle base's entry point, as TypeScript source whether this runs from test/ or dist/ (dist is compiled from it),
 * so `npx tsx --test` and `npm test` share one key.
 */
const buildBaseModule = join(repoRoot, 'src', 'base', 'build.ts');

/**
 * The module and every module it imports by a relative path, transitively, as [path, text] sorted by path. A
 * regular expression over `from '...'` and `import('...')` is enough here: the project's own ESM, one import per
 * statement, no computed specifiers in src/base's graph.
 */
async function sourceClosure(entry: string): Promise<[string, string][]> {
  const seen = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const text = await readFile(file, 'utf8');
    seen.set(file, text);
    for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      // TypeScript sources import their siblings as .js.
      pending.push(resolve(dirname(file), match[1]!).replace(/\.js$/, '.ts'));
    }
  }
  return [...seen].sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * A buildah storage of the example's own, beside the e2e one (same driver). Why: buildah's layer cache takes the
 * first image whose history matches a step, and every naive Dockerfile starts `FROM debian:bookworm` +
 * `RUN apt-get update`; with the examples' benches in one storage at once, a naive rebuild picked another
 * example's `apt-get update` layer, found no install step under it and ran the whole install again (1 of 4 steps
 * cached instead of 2; minutes of work and a wrong rebuild figure). One storage per example is one CI runner's cache.
 */
export function exampleStorage(name: string): BuildahStorage {
  return buildahStorage(e2eStorage.driver, join(`${e2eStorage.root}-examples`, name), join(`${e2eStorage.runroot}-examples`, name));
}

/**
 * Runs `fn` on the example's storage, holding its cross-process lock (the test and bench/examples.ts never bench
 * one example in it at once), after copying the images in from the e2e storage (skopeo, same image ids; skipped
 * when the id is there already) and pruning dangling images: the builder stages and the cache of earlier runs,
 * which would otherwise pile up by hundreds of MB a run.
 */
export async function withExampleStorage<T>(name: string, images: string[], fn: (storage: BuildahStorage) => Promise<T>): Promise<T> {
  const storage = exampleStorage(name);
  return withLock(`example-storage-${name}`, async () => {
    for (const image of images) {
      const want = await imageId(image);
      if (want !== undefined && want !== (await imageId(image, storage))) await run('skopeo', ['copy', '-q', e2eStorage.ref(image), storage.ref(image)]);
    }
    await buildah(['rmi', '--prune'], storage);
    return fn(storage);
  });
}

/**
 * Builds fixtures/optimize-e2e/bases/DIR (its Dockerfile starts FROM `parent`) as `name`, squashed to one layer as
 * Docker Hub's debian image is (so a naive image's layer count is its own steps plus one), unless the image there
 * already carries the key of the folder's files and the parent's image id.
 */
async function ensureLocalImage(dir: string, name: string, parent: string): Promise<void> {
  const context = join(optimizeE2EDir, 'bases', dir);
  const files = (await readdir(context, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  const contents = await Promise.all(files.map(async (f) => `${relative(context, f)}\0${await readFile(f, 'utf8')}`));
  const key = hash('squash', ...contents, (await imageId(parent)) ?? '');
  await withLock(`example-${dir}`, async () => {
    if ((await imageLabel(name, keyLabel)) === key) return;
    log(`building ${name} (fixtures/optimize-e2e/bases/${dir})`);
    await buildah(['bud', '--squash', '--isolation', 'chroot', '--pull=never', '--label', `${keyLabel}=${key}`, '-t', name, '-f', join(context, 'Dockerfile'), context]);
  });
}

/** Runs buildah on the e2e storage (or another); returns its stdout. */
export async function buildah(args: string[], storage: BuildahStorage = e2eStorage): Promise<string> {
  return (await run('buildah', [...storage.buildahArgs, ...args])).stdout;
}

async function imageInfo(name: string, storage: BuildahStorage = e2eStorage): Promise<{ FromImageID?: string; OCIv1?: { config?: { Labels?: Record<string, string> } } } | undefined> {
  try {
    return JSON.parse(await buildah(['inspect', '--type', 'image', name], storage)) as { FromImageID?: string };
  } catch {
    return undefined;
  }
}

async function imageId(name: string, storage: BuildahStorage = e2eStorage): Promise<string | undefined> {
  return (await imageInfo(name, storage))?.FromImageID;
}

async function imageLabel(name: string, label: string): Promise<string | undefined> {
  return (await imageInfo(name))?.OCIv1?.config?.Labels?.[label];
}

/**
 * Images copied in from whittle base keep their exact bytes (a label would need a commit, and a layer), so their
 * key is kept beside the e2e cache with the image id it was made for.
 */
function keyFile(name: string): string {
  return join(e2eCacheDir, 'example-bases', `${name.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`);
}

async function keyMatches(name: string, key: string): Promise<boolean> {
  const recorded = await readFile(keyFile(name), 'utf8').then((t) => JSON.parse(t) as { key?: string; id?: string }, () => undefined);
  return recorded?.key === key && recorded.id !== undefined && recorded.id === (await imageId(name));
}

async function recordKey(name: string, key: string): Promise<void> {
  await mkdir(join(e2eCacheDir, 'example-bases'), { recursive: true });
  await writeFile(keyFile(name), JSON.stringify({ key, id: await imageId(name) }));
}

function hash(...parts: (string | Buffer)[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex').slice(0, 16);
}

function log(message: string): void {
  process.stderr.write(`[example-bases] ${message}\n`);
}
