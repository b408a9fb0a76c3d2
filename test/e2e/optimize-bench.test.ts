/**
 * The proof of `whittle optimize` and `whittle bench` (issue 5), end to end and offline from Docker Hub: each of the
 * four examples (python-app, go-server, node-app, java-service) is copied, optimized by the real CLI with the test
 * catalogue (fixtures/optimize-e2e/.whittle.yaml, local bases only), linted, then the naive and the optimized
 * Dockerfiles are built and measured by `whittle bench` with buildah in the example's own storage (`--runs 1`, push
 * and pull to docker-registry on 127.0.0.1). The optimized image must pass its smoke tests (a command and the
 * served port), be smaller by the targets below, and a rebuild after a source change must take every step before
 * the sources from the cache.
 *
 * The four examples run side by side (two cores; nothing here asserts a time: bench/examples.ts measures with
 * `--runs 3` for the README table). The naive npm and JDK builds are most of the file's time: their apt installs
 * unpack hundreds of packages (the downloads take seconds).
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { BenchImage } from '../../src/bench/model.js';
import { parseDockerfileSync } from '../../src/dockerfile/index.js';
import { buildah, ensureExampleBases, runtimes } from '../helpers/example-bases.js';
import { examples, removeExampleCopy, runExample, stepsBeforeSources, type ExampleRun } from '../helpers/optimize-e2e.js';
import { repoRoot } from '../helpers/paths.js';
import { runWhittle } from '../helpers/whittle-process.js';

const MB = 1_000_000;

/**
 * Size targets: optimized size as a share of the naive one, and an absolute ceiling. python-app and go-server carry
 * the issue's; node-app and java-service the measured figures (116.6 MB, 10.8 % of 1078.9 MB; 252.0 MB, 31.0 % of
 * 812.1 MB) with about 20 % margin for Debian updates. `runtime`: the base under a dependency layer of its own, kept by a
 * rebuild; `depsSteps`: the steps before the sources (at least the toolchain install and the dependency step; the
 * Java service has no dependencies, so only the JDK install).
 */
const targets: Record<string, { maxShare: number; maxBytes?: number; runtime?: string; depsSteps: number }> = {
  'node-app': { maxShare: 0.13, maxBytes: 140 * MB, runtime: runtimes.nodejs.name, depsSteps: 2 },
  'java-service': { maxShare: 0.35, maxBytes: 300 * MB, depsSteps: 1 },
  'python-app': { maxShare: 0.2, runtime: runtimes.python3.name, depsSteps: 2 },
  'go-server': { maxShare: 0.05, maxBytes: 15 * MB, depsSteps: 2 },
};

const runs = new Map<string, ExampleRun>();

/** Layers of a base image in the e2e storage (0 for scratch): the optimized image's first layers are these. */
async function baseLayerCount(image: string | undefined): Promise<number> {
  if (!image) return 0;
  const info = JSON.parse(await buildah(['inspect', '--type', 'image', image])) as { OCIv1: { rootfs: { diff_ids: string[] } } };
  return info.OCIv1.rootfs.diff_ids.length;
}

function figures(name: string, naive: BenchImage, optimized: BenchImage): string {
  const share = ((optimized.sizeBytes / naive.sizeBytes) * 100).toFixed(1);
  return `${name}: naive ${(naive.sizeBytes / MB).toFixed(1)} MB, optimized ${(optimized.sizeBytes / MB).toFixed(1)} MB (${share} %), cold build ${naive.coldBuild.median.toFixed(0)} s -> ${optimized.coldBuild.median.toFixed(0)} s, rebuild ${naive.rebuild?.seconds.median.toFixed(1)} s -> ${optimized.rebuild?.seconds.median.toFixed(1)} s`;
}

describe('whittle optimize, then whittle bench with buildah, on the examples', { concurrency: true, timeout: 60 * 60_000 }, () => {
  after(async () => {
    for (const run of runs.values()) await removeExampleCopy(run);
  });

  for (const [name, target] of Object.entries(targets)) {
    test(`${name}: the optimized image works, is smaller by the target, and rebuilds from the cache`, async (t) => {
      const started = performance.now();
      // Each example waits only for its own bases (memoized per process, locked across processes).
      const bases = await ensureExampleBases(examples[name]!.runtimes);
      for (const [kind, runtime] of Object.entries(bases.runtimes)) t.diagnostic(`${kind} runtime: ${runtime.name} (whittle base, key ${runtime.key})`);
      const run = await runExample(name, { runs: 1, registry: 'local', withPort: true });
      runs.set(name, run);
      assert.equal(run.optimize.code, 0, `whittle optimize failed:\n${run.optimize.stdout}\n${run.optimize.stderr}`);

      const lint = await runWhittle(['lint', run.optimizedDockerfile], { cwd: run.optimizedContext });
      assert.equal(lint.code, 0, `the optimized Dockerfile does not lint clean:\n${lint.stdout}\n${lint.stderr}`);

      assert.ok(run.report, `whittle bench gave no JSON report (exit ${run.bench?.code}):\n${run.bench?.stderr.slice(-4000)}`);
      const [naive, optimized] = run.report.images as [BenchImage, BenchImage];
      t.diagnostic(figures(name, naive, optimized));
      t.diagnostic(`bench took ${run.bench?.seconds.toFixed(0)} s, the example ${((performance.now() - started) / 1000).toFixed(0)} s; optimized rebuild ${JSON.stringify(optimized.rebuild)}`);
      // The report, for the README table and for reading a failure after the run.
      await mkdir(join(repoRoot, '.cache', 'bench'), { recursive: true });
      await writeFile(join(repoRoot, '.cache', 'bench', `optimize-e2e-${name}.json`), JSON.stringify(run.report, null, 2));

      // Both images work (the naive one proves the smoke test is meaningful); the optimized one also serves its port.
      for (const image of [naive, optimized]) {
        assert.equal(image.smoke.length, 2, `${image.label}: a smoke command and a port test`);
        for (const smoke of image.smoke) assert.ok(smoke.passed, `${image.label} smoke ${smoke.kind} ${JSON.stringify(smoke.command)}: ${smoke.detail}`);
      }
      assert.equal(run.bench?.code, 0, run.bench?.stderr.slice(-2000));
      assert.equal(run.report.passed, true);

      // Smaller, by the targets (not weakened when missed: the figures above say by how much).
      assert.ok(optimized.sizeBytes < naive.sizeBytes, 'the optimized image is smaller');
      assert.ok(
        optimized.sizeBytes <= target.maxShare * naive.sizeBytes,
        `${name}: optimized ${optimized.sizeBytes} B is ${((optimized.sizeBytes / naive.sizeBytes) * 100).toFixed(1)} % of naive ${naive.sizeBytes} B; target ${target.maxShare * 100} %`,
      );
      if (target.maxBytes !== undefined) assert.ok(optimized.sizeBytes <= target.maxBytes, `${name}: optimized ${optimized.sizeBytes} B; target ${target.maxBytes} B`);
      assert.ok(optimized.compressedSizeBytes < naive.compressedSizeBytes);
      assert.ok(optimized.push && naive.push && optimized.pull && naive.pull, 'push and pull were measured against the local registry');

      // The rebuild after a one-line source change takes every step before the sources from the cache ...
      const rebuild = optimized.rebuild;
      assert.ok(rebuild, 'the rebuild was measured');
      const dockerfile = parseDockerfileSync(await readFile(run.optimizedDockerfile, 'utf8'), run.optimizedDockerfile);
      const expected = stepsBeforeSources(dockerfile, rebuild.changedFile);
      assert.ok(expected >= target.depsSteps, `the optimized Dockerfile installs its toolchain and dependencies before copying the sources (${expected} steps; ${target.depsSteps} expected)`);
      assert.ok(rebuild.cachedSteps >= expected, `${rebuild.cachedSteps} of ${rebuild.layerSteps} steps cached after changing ${rebuild.changedFile}; the ${expected} before the sources must be`);
      // ... and, where the dependencies ship as a layer of their own, the final image keeps that layer.
      if (target.runtime) {
        const baseLayers = await baseLayerCount(target.runtime);
        assert.ok(rebuild.reusedLayers >= baseLayers + 1, `${rebuild.reusedLayers} layers reused; the runtime base has ${baseLayers}, the dependency layer comes next`);
      }
      // The naive reference is measured the same way: its steps before `COPY . .` come from the cache too (they did
      // not when the examples shared one storage: see exampleStorage), so its rebuild figure is a fair comparison.
      assert.ok(naive.rebuild, 'the naive rebuild was measured');
      const naiveDockerfile = parseDockerfileSync(await readFile(naive.dockerfile, 'utf8'), naive.dockerfile);
      const naiveExpected = stepsBeforeSources(naiveDockerfile, naive.rebuild.changedFile);
      assert.ok(naive.rebuild.cachedSteps >= naiveExpected, `naive: ${naive.rebuild.cachedSteps} of ${naive.rebuild.layerSteps} steps cached; the ${naiveExpected} before the sources must be`);
    });
  }
});
