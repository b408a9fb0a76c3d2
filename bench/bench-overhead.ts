/**
 * The bench harness's own overhead, against the raw engine in the same run: a tiny Dockerfile FROM the e2e Debian
 * base, built in alternating trials by
 *   raw      `buildah bud --no-cache` (what a user would time by hand),
 *   adapter  buildImage(noCache) (the same build, plus the iidfile and the layer inspection),
 *   bench    runBench with one run, no registry, no rebuild (adapter + OCI export + inspect + cleanup).
 * Prints the medians and the overhead of each over the raw build. Run: node dist/bench/bench-overhead.js [TRIALS]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBench } from '../src/bench/run.js';
import { stats } from '../src/bench/stats.js';
import { buildImage, removeImage } from '../src/engine/build.js';
import { detectEngine } from '../src/engine/detect.js';
import { execProgram } from '../src/engine/exec.js';
import { baseImageName, e2eStorage, ensureBaseImage } from '../test/helpers/e2e-images.js';

const trials = Number(process.argv[2] ?? 3);
const storage = { root: e2eStorage.root, runroot: e2eStorage.runroot, driver: e2eStorage.driver };

await ensureBaseImage();
const ctx = mkdtempSync(join(tmpdir(), 'whittle-bench-overhead-'));
writeFileSync(join(ctx, 'app.txt'), 'hello\n');
writeFileSync(join(ctx, 'Dockerfile'), `FROM ${baseImageName}\nRUN head -c 5000000 /dev/urandom > /deps.bin\nCOPY app.txt /app/app.txt\n`);
const engine = await detectEngine({ engine: 'buildah', storage });
const tag = 'localhost/whittle-bench/overhead:latest';
const raw: number[] = [];
const adapter: number[] = [];
const bench: number[] = [];
const benchBuild: number[] = [];
try {
  for (let i = 0; i < trials; i++) {
    const r = await execProgram('buildah', [...engine.globalArgs, 'bud', '--layers', '--isolation', 'chroot', '--pull=never', '--no-cache', '-t', tag, '-f', join(ctx, 'Dockerfile'), ctx]);
    if (r.code !== 0) throw new Error(r.stderr);
    raw.push(r.seconds);
    let t = performance.now();
    await buildImage(engine, { dockerfile: join(ctx, 'Dockerfile'), context: ctx, tag, noCache: true, pull: 'never' });
    adapter.push((performance.now() - t) / 1000);
    t = performance.now();
    const report = await runBench({ targets: [{ dockerfile: join(ctx, 'Dockerfile') }], engine: 'buildah', storage, runs: 1, registry: 'none', rebuild: false, pull: 'never' });
    bench.push((performance.now() - t) / 1000);
    benchBuild.push(report.images[0]!.coldBuild.median);
  }
} finally {
  await removeImage(engine, tag);
  rmSync(ctx, { recursive: true, force: true });
}
const m = (v: number[]): number => stats(v).median;
const line = (name: string, v: number[], ref?: number): string =>
  `${name.padEnd(30)} ${m(v).toFixed(2).padStart(7)} s${ref === undefined ? '' : `  (+${(m(v) - ref).toFixed(2)} s over raw)`}`;
console.log(`bench-overhead: ${trials} alternating trials, medians (buildah, vfs storage, tiny Dockerfile)`);
console.log(line('raw buildah bud --no-cache', raw));
console.log(line('buildImage (adapter)', adapter, m(raw)));
console.log(line('runBench cold build (measured)', benchBuild, m(raw)));
console.log(line('runBench total (1 run)', bench, m(raw)));
