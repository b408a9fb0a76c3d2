/**
 * Bench: buildLayer (src/image/write/layer.ts) writing a ~300 MB gzip layer of generated files, against the
 * reference measured in the same run: GNU `tar -c --sort=name` of the same files piped to `gzip -6` (the same
 * level). whittle does more (two sha256 streams, normalised headers); the ratio shows what that costs. Both run
 * as child processes under /usr/bin/time -v, so wall time and peak RSS are measured the same way, alternating.
 *
 * Then pushing that image to a local docker-registry (writeImage to HOST/REPO:TAG) against `skopeo copy` of the
 * same image from an OCI layout, each to a fresh repository (so every blob is uploaded).
 *
 * Run: `npm run build && node dist/bench/image-write.js` (or `npx tsx bench/image-write.ts`).
 * Env: WHITTLE_BENCH_RUNS (default 3, the median is reported), WHITTLE_BENCH_WRITE_MB (default 300).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleImage } from '../src/image/write/image.js';
import { buildLayer } from '../src/image/write/layer.js';
import { writeImage } from '../src/image/write/outputs.js';
import type { BuiltImage, LayerEntry } from '../src/image/write/types.js';
import { startRegistry } from '../test/helpers/registry.js';
import { repoRoot } from '../test/helpers/paths.js';

const runs = Number(process.env.WHITTLE_BENCH_RUNS ?? 3);
const totalMb = Number(process.env.WHITTLE_BENCH_WRITE_MB ?? 300);
const FILE_KB = 192;
const selfPath = fileURLToPath(import.meta.url);

/** The files, generated once and cached: half random bytes, half repeated text, so gzip has real work (~2:1). */
function ensureFiles(): string {
  const dir = join(repoRoot, '.cache', 'bench', `image-write-${totalMb}mb-v1`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return join(dir, 'files');
  rmSync(dir, { recursive: true, force: true });
  const files = join(dir, 'files');
  const count = Math.ceil((totalMb * 1024) / FILE_KB);
  const text = Buffer.from('usr/lib/python3/dist-packages/example/module.py: def function(argument): return argument * 2\n'.repeat(2000));
  for (let i = 0; i < count; i++) {
    const sub = join(files, `d${String(i % 40).padStart(2, '0')}`, `s${i % 7}`);
    mkdirSync(sub, { recursive: true });
    const half = (FILE_KB * 1024) / 2;
    writeFileSync(join(sub, `file-${i}.bin`), Buffer.concat([randomBytes(half), text.subarray(0, half)]));
  }
  writeFileSync(done, '');
  return files;
}

function walk(root: string, rel = '', out: LayerEntry[] = []): LayerEntry[] {
  for (const d of readdirSync(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${d.name}` : d.name;
    const full = join(root, path);
    if (d.isDirectory()) {
      out.push({ path, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
      walk(root, path, out);
    } else {
      out.push({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: statSync(full).size, data: () => createReadStream(full) });
    }
  }
  return out;
}

interface Measured {
  wallMs: number;
  peakRssBytes: number;
}

function measure(command: string, args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', () => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
      const exit = /Exit status: (\d+)/.exec(err);
      if (!rss || !wall || exit?.[1] !== '0') return reject(new Error(`${command} failed:\n${err.slice(-2000)}`));
      resolve({ wallMs: ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000, peakRssBytes: Number(rss[1]) * 1024 });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function child(files: string, workDir: string): Promise<void> {
  const layer = await buildLayer(walk(files), { mtime: 1_700_000_000, compression: 'gzip', workDir });
  process.stdout.write(`${layer.digest} ${layer.size}\n`);
}

/** The built image of an OCI layout whittle wrote (one image, tag `bench`), to push it again. */
function imageOfLayout(dir: string): BuiltImage {
  const blob = (digest: string) => join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifestDigest = index.manifests[0]!.digest;
  const manifest = readFileSync(blob(manifestDigest));
  const m = JSON.parse(manifest.toString()) as { config: { digest: string }; layers: { digest: string; size: number; mediaType: string }[] };
  const config = readFileSync(blob(m.config.digest));
  const diffIds = (JSON.parse(config.toString()) as { rootfs: { diff_ids: string[] } }).rootfs.diff_ids;
  return {
    platform: { os: 'linux', architecture: 'amd64' },
    manifest,
    manifestDigest,
    config,
    configDigest: m.config.digest,
    layers: m.layers.map((l, i) => ({ file: blob(l.digest), digest: l.digest, diffId: diffIds[i]!, size: l.size, mediaType: l.mediaType, createdBy: '' })),
  };
}

async function pushChild(layout: string, ref: string): Promise<void> {
  const written = await writeImage(ref, [imageOfLayout(layout)]);
  process.stdout.write(`${written.digest}\n`);
}

async function main(): Promise<void> {
  const files = ensureFiles();
  const work = mkdtempSync(join(tmpdir(), 'whittle-bench-write-'));
  try {
    const whittle: Measured[] = [];
    const reference: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      // tsx when run from source, plain node when compiled: the child runs this same file.
      const runner = selfPath.endsWith('.ts') ? [join(repoRoot, 'node_modules', '.bin', 'tsx')] : [process.execPath];
      whittle.push(await measure(runner[0]!, [selfPath, '--child', files, join(work, `w${i}`)]));
      reference.push(await measure('bash', ['-c', `set -o pipefail; tar -c --sort=name -C "$1" . | gzip -6 > "$2"`, 'ref', files, join(work, `ref-${i}.tar.gz`)]));
      rmSync(join(work, `w${i}`), { recursive: true, force: true });
    }
    // What the runtime itself takes, so the memory figure can be read as whittle's share on top of it.
    const runtime = await measure(process.execPath, ['-e', "require('node:zlib'); setTimeout(() => {}, 50)"]);
    // Push: one image, written once as an OCI layout, sent to a fresh repository each time by each tool.
    const layout = join(work, 'layout');
    const layer = await buildLayer(walk(files), { mtime: 1_700_000_000, compression: 'gzip', workDir: join(work, 'push-work') });
    const image = await assembleImage({ platform: { os: 'linux', architecture: 'amd64' }, layers: [layer], config: {}, created: '2023-11-14T22:13:20Z' });
    await writeImage(`oci:${layout}:bench`, [image]);
    // A fresh registry for every push: skopeo would otherwise mount blobs it saw in another repository.
    const onFreshRegistry = async (push: (host: string) => Promise<Measured>): Promise<Measured> => {
      const registry = await startRegistry();
      try {
        return await push(registry.host);
      } finally {
        await registry.stop();
      }
    };
    const pushW: Measured[] = [];
    const pushR: Measured[] = [];
    const runner = selfPath.endsWith('.ts') ? join(repoRoot, 'node_modules', '.bin', 'tsx') : process.execPath;
    for (let i = 0; i < runs; i++) {
      pushW.push(await onFreshRegistry((host) => measure(runner, [selfPath, '--push', layout, `${host}/bench/app:t`])));
      pushR.push(await onFreshRegistry((host) => measure('skopeo', ['copy', '-q', '--dest-tls-verify=false', `oci:${layout}:bench`, `docker://${host}/bench/app:t`])));
    }
    const w = { wall: median(whittle.map((m) => m.wallMs)), rss: median(whittle.map((m) => m.peakRssBytes)) };
    const r = { wall: median(reference.map((m) => m.wallMs)), rss: median(reference.map((m) => m.peakRssBytes)) };
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(`image-write: ${totalMb} MB of files (${FILE_KB} KB each) as one gzip -6 layer, median of ${runs}`);
    console.log(`  whittle buildLayer:   ${(w.wall / 1000).toFixed(2)} s, peak RSS ${mb(w.rss)} MB`);
    console.log(`  tar | gzip -6:        ${(r.wall / 1000).toFixed(2)} s, peak RSS ${mb(r.rss)} MB`);
    console.log(`  (node itself, empty script: peak RSS ${mb(runtime.peakRssBytes)} MB)`);
    console.log(`  ratio (whittle / reference): time ${(w.wall / r.wall).toFixed(2)}x, memory ${(w.rss / r.rss).toFixed(2)}x`);
    const pw = { wall: median(pushW.map((m) => m.wallMs)), rss: median(pushW.map((m) => m.peakRssBytes)) };
    const pr = { wall: median(pushR.map((m) => m.wallMs)), rss: median(pushR.map((m) => m.peakRssBytes)) };
    console.log(`push of the same layer (${mb(layer.size)} MB gzip) to a local docker-registry, median of ${runs}`);
    console.log(`  whittle writeImage:   ${(pw.wall / 1000).toFixed(2)} s, peak RSS ${mb(pw.rss)} MB`);
    console.log(`  skopeo copy:          ${(pr.wall / 1000).toFixed(2)} s, peak RSS ${mb(pr.rss)} MB`);
    console.log(`  ratio (whittle / skopeo): time ${(pw.wall / pr.wall).toFixed(2)}x, memory ${(pw.rss / pr.rss).toFixed(2)}x`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else if (process.argv[2] === '--push') await pushChild(process.argv[3]!, process.argv[4]!);
else await main();
