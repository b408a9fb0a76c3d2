/**
 * The README's table: `whittle optimize` then `whittle bench` (buildah, offline, `--runs 3` medians, push and pull
 * to docker-registry on 127.0.0.1) on every example, each naive image the reference its optimized one is measured
 * against in the same run. Prints a Markdown table and writes the bench reports to .cache/bench/examples.json.
 *
 *   npx tsx bench/examples.ts                         all four examples, 3 runs
 *   npx tsx bench/examples.ts go-server --runs 1      some of them
 *
 * The bases are local (test/helpers/example-bases.ts): nothing is pulled from Docker Hub.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchImage, Stats } from '../src/bench/model.js';
import { ensureExampleBases } from '../test/helpers/example-bases.js';
import { examples, removeExampleCopy, runExample, type ExampleRun } from '../test/helpers/optimize-e2e.js';
import { e2eStorage } from '../test/helpers/e2e-images.js';
import { repoRoot } from '../test/helpers/paths.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const names = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
const chosen = names.length > 0 ? names : Object.keys(examples);

const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
const sec = (s: Stats | null | undefined): string => (s ? `${s.median.toFixed(1)} s` : 'n/a');

function row(example: string, image: BenchImage, reference: BenchImage): string {
  const share = image === reference ? '100 %' : `${((image.sizeBytes / reference.sizeBytes) * 100).toFixed(1)} %`;
  const smoke = image.smoke.every((s) => s.passed) ? 'pass' : 'FAIL';
  const rebuild = image.rebuild ? `${sec(image.rebuild.seconds)} (${image.rebuild.cachedSteps}/${image.rebuild.layerSteps} steps cached)` : 'n/a';
  return `| ${example} | ${image.label === 'before' ? 'naive' : 'optimized'} | ${mb(image.sizeBytes)} | ${share} | ${mb(image.compressedSizeBytes)} | ${image.layerCount} | ${sec(image.coldBuild)} | ${rebuild} | ${sec(image.push)} | ${sec(image.pull)} | ${image.packages} | ${image.files} | ${image.findings.total} | ${smoke} |`;
}

const started = performance.now();
const prepared = await ensureExampleBases(['python3', 'nodejs', 'java']);
const lines = [
  '| example | Dockerfile | size | of naive | compressed | layers | cold build | rebuild after a source change | push | pull | packages | files | inspect findings | smoke |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
];
const reports: Record<string, unknown> = {};
for (const name of chosen) {
  const exampleStarted = performance.now();
  process.stderr.write(`[examples] ${name}: optimize, then bench --runs ${runs}\n`);
  let run: ExampleRun | undefined;
  try {
    run = await runExample(name, { runs, registry: 'local', withPort: true });
    if (run.optimize.code !== 0) {
      lines.push(`| ${name} | optimize refused or failed (exit ${run.optimize.code}) | | | | | | | | | | | | |`);
      process.stderr.write(run.optimize.stdout + run.optimize.stderr);
      continue;
    }
    if (!run.report) {
      lines.push(`| ${name} | bench failed (exit ${run.bench?.code}) | | | | | | | | | | | | |`);
      process.stderr.write(run.bench?.stderr.slice(-4000) ?? '');
      continue;
    }
    const [naive, optimized] = run.report.images as [BenchImage, BenchImage];
    lines.push(row(name, naive, naive), row(name, optimized, naive));
    reports[name] = run.report;
  } finally {
    await removeExampleCopy(run);
  }
  process.stderr.write(`[examples] ${name}: ${((performance.now() - exampleStarted) / 1000).toFixed(0)} s\n`);
}

const runtimeSources = Object.entries(prepared.runtimes)
  .map(([kind, r]) => `${kind} (key ${r?.key})`)
  .join(', ');
process.stdout.write(`${lines.join('\n')}\n\nbuildah, ${e2eStorage.driver} storage, --runs ${runs} (medians), bases: debian:bookworm = debootstrap minbase + the official image's apt and dpkg settings; runtimes: whittle base presets ${runtimeSources}. Took ${((performance.now() - started) / 60_000).toFixed(1)} min.\n`);
await mkdir(join(repoRoot, '.cache', 'bench'), { recursive: true });
await writeFile(join(repoRoot, '.cache', 'bench', 'examples.json'), JSON.stringify(reports, null, 2));
