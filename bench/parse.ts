/**
 * Parser throughput: files/second and MB/second over a generated set of Dockerfiles (the fixture corpus plus
 * synthetic small, medium and large files), for the structural parse alone and with the tree-sitter shell
 * analysis of every RUN. References measured in the same run: a bare line split (the floor any line-based
 * parser pays) and dockerfilelint's whole run (the npm linter, which parses line by line).
 * Run: npm run build && node dist/bench/parse.js [seconds-per-measure]
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile, parseDockerfileSync } from '../src/dockerfile/parse.js';
import { fixturesDir } from '../test/helpers/paths.js';

function corpusFiles(dir = join(fixturesDir, 'corpus')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? corpusFiles(path) : [path];
  });
}

/** A deterministic pseudo-random generator (mulberry32) so every run parses the same files. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticDockerfile(stages: number, runsPerStage: number, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const pkgs = ['curl', 'ca-certificates', 'git', 'build-essential', 'python3', 'libssl-dev', 'unzip', 'jq'];
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:12-slim', 'ARG VERSION=1.2.3'];
  for (let s = 0; s < stages; s++) {
    out.push(s === 0 ? 'FROM ${BASE} AS s0' : `FROM ${pick(['s0', '${BASE}', 'alpine:3.20'])} AS s${s}`);
    out.push(`ENV APP_HOME=/app PATH=/app/bin:$PATH VERSION=\${VERSION}`, 'WORKDIR /app');
    for (let r = 0; r < runsPerStage; r++) {
      const kind = rnd();
      if (kind < 0.5) {
        out.push(
          'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
          '    apt-get update \\',
          `    && apt-get install -y --no-install-recommends ${pick(pkgs)} ${pick(pkgs)} \\`,
          '    # keep the image small',
          '    && rm -rf /var/lib/apt/lists/*',
        );
      } else if (kind < 0.65) {
        out.push('RUN <<EOF', 'set -eux', `pip install --no-cache-dir ${pick(pkgs)}==1.0`, 'echo "done" > /tmp/x', 'EOF');
      } else if (kind < 0.8) {
        out.push(`RUN sh -c 'cd /src && make -j4 ${pick(pkgs)} && make install' | tee /tmp/log`);
      } else {
        out.push(`COPY --from=s0 --chown=app:app /src/${pick(pkgs)} /app/`, `LABEL org.opencontainers.image.version="${r}"`);
      }
    }
    out.push('USER app', 'EXPOSE 8080/tcp', 'CMD ["/app/bin/server", "--port", "8080"]');
  }
  return out.join('\n') + '\n';
}

function generatedSet(): string[] {
  const rnd = random(42);
  const files = corpusFiles().map((f) => readFileSync(f, 'utf8'));
  for (let i = 0; i < 100; i++) files.push(syntheticDockerfile(1, 4, rnd));
  for (let i = 0; i < 30; i++) files.push(syntheticDockerfile(3, 15, rnd));
  for (let i = 0; i < 3; i++) files.push(syntheticDockerfile(20, 50, rnd));
  return files;
}

interface Figure {
  name: string;
  filesPerSecond: number;
  mbPerSecond: number;
}

async function measure(name: string, files: readonly string[], seconds: number, fn: (text: string) => unknown): Promise<Figure> {
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
  for (const f of files.slice(0, 20)) await fn(f); // warm-up (JIT, grammar loading)
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds || rounds === 0) {
    for (const f of files) await fn(f);
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { name, filesPerSecond: (files.length * rounds) / elapsed, mbPerSecond: (bytes * rounds) / elapsed / 1e6 };
}

const seconds = Number(process.argv[2] ?? 2);
const files = generatedSet();
const totalBytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
console.log(`parse bench: ${files.length} Dockerfiles, ${(totalBytes / 1e6).toFixed(2)} MB, ~${seconds}s per measure`);

const figures: Figure[] = [];
figures.push(await measure('line split (floor)', files, seconds, (t) => t.split(/\r?\n/).map((l) => l.trim())));
const require = createRequire(import.meta.url);
try {
  const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown[] };
  const dir = mkdtempSync(join(tmpdir(), 'dfl-'));
  // dockerfilelint throws on some inputs (heredocs, odd syntax); a throw still counts as the file handled.
  const runDfl = (t: string): unknown => {
    try {
      return dockerfilelint.run(dir, t);
    } catch {
      return null;
    }
  };
  figures.push(await measure('dockerfilelint run', files, seconds, runDfl));
} catch (e) {
  console.log(`  (dockerfilelint unavailable, reference skipped: ${(e as Error).message})`);
}
// Every generated file must parse: a bench that measures error paths measures nothing.
for (const f of files) parseDockerfileSync(f, 'Dockerfile');
const structural = await measure('whittle parse (structure)', files, seconds, (t) => parseDockerfileSync(t, 'Dockerfile'));
const full = await measure('whittle parse + shell analysis', files, seconds, (t) => parseDockerfile(t, 'Dockerfile'));
figures.push(structural, full);

for (const f of figures) {
  console.log(`  ${f.name.padEnd(32)} ${f.filesPerSecond.toFixed(0).padStart(8)} files/s ${f.mbPerSecond.toFixed(2).padStart(8)} MB/s`);
}
const floor = figures[0]!;
const dfl = figures.find((f) => f.name === 'dockerfilelint run');
console.log(`  structure vs line split: ${(structural.mbPerSecond / floor.mbPerSecond).toFixed(3)}x`);
if (dfl) {
  console.log(`  structure vs dockerfilelint: ${(structural.mbPerSecond / dfl.mbPerSecond).toFixed(2)}x (above 1 is faster)`);
  console.log(`  parse + shell vs dockerfilelint: ${(full.mbPerSecond / dfl.mbPerSecond).toFixed(2)}x (above 1 is faster)`);
}
