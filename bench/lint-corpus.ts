/**
 * Lints the fixture corpus with whittle (every rule) and with dockerfilelint (npm) as the reference, each in its own
 * child process so peak memory is measured per tool, and prints files per second, peak RSS and the ratio.
 * Run: npm run build && node dist/bench/lint-corpus.js [rounds] [trials]
 * Also prints each tool's fastest single round: over few rounds whittle's figure is mostly JIT warm-up.
 * On a shared, loaded machine wall time says more about the load than the tools: each figure is also given in files
 * per CPU-second (process.cpuUsage of the child, compiler and GC threads included), which moves far less.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturesDir } from '../test/helpers/paths.js';

interface Measure {
  tool: string;
  files: number;
  rounds: number;
  seconds: number;
  /** The fastest single round: closer to the warmed-up rate, the whole run's rate being mostly JIT warm-up. */
  bestRoundSeconds: number;
  findings: number;
  peakRssMiB: number;
  /** CPU time (user + system, all threads) over all rounds. */
  cpuSeconds: number;
}

function corpusFiles(dir = join(fixturesDir, 'corpus')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? corpusFiles(path) : [path];
  });
}

/** Peak resident set size of this process, from the kernel's high-water mark. */
function peakRssMiB(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : process.memoryUsage().rss / 1048576;
}

async function measure(tool: string, rounds: number): Promise<Measure> {
  const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  let lintOne: (path: string, text: string) => Promise<number>;
  if (tool === 'whittle') {
    const { lintText } = await import('../src/lint/engine.js');
    lintOne = async (path, text) => {
      try {
        return (await lintText(text, path)).length;
      } catch {
        return 0; // a file the parser refuses counts as linted: both tools see the same input
      }
    };
  } else {
    const require = createRequire(import.meta.url);
    const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown[] };
    const emptyConfigDir = mkdtempSync(join(tmpdir(), 'dfl-'));
    lintOne = async (_path, text) => {
      try {
        return dockerfilelint.run(emptyConfigDir, text).length;
      } catch {
        return 0; // dockerfilelint throws on some valid files (e.g. EXPOSE with a variable); the time still counts
      }
    };
  }
  await lintOne(files[0]!.path, files[0]!.text); // warm-up: loads the shell grammar once, as a CLI run would
  let findings = 0;
  let bestRoundSeconds = Infinity;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    const roundStart = process.hrtime.bigint();
    for (const f of files) findings += await lintOne(f.path, f.text);
    bestRoundSeconds = Math.min(bestRoundSeconds, Number(process.hrtime.bigint() - roundStart) / 1e9);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { tool, files: files.length, rounds, seconds, bestRoundSeconds, findings: findings / rounds, peakRssMiB: peakRssMiB(), cpuSeconds };
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === '--child') {
    process.stdout.write(JSON.stringify(await measure(arg!, Number(process.argv[4] ?? 5))));
    return;
  }
  const rounds = Number(mode ?? 5);
  // On a shared, loaded machine one run of each tool says more about the load than the tools: run them in turns,
  // alternating which goes first, and keep each tool's best run.
  const trials = Math.max(1, Number(arg ?? 3));
  const self = fileURLToPath(import.meta.url);
  const run = (tool: string): Measure => JSON.parse(execFileSync(process.execPath, [self, '--child', tool, String(rounds)], { encoding: 'utf8' })) as Measure;
  const rate = (m: Measure): number => (m.files * m.rounds) / m.seconds;
  const cpuRate = (m: Measure): number => (m.files * m.rounds) / m.cpuSeconds;
  const bestCpu = new Map<string, number>();
  const roundRate = (m: Measure): number => m.files / m.bestRoundSeconds;
  const bestRound = new Map<string, number>();
  const best = new Map<string, Measure>();
  for (let t = 0; t < trials; t++) {
    const order = t % 2 === 0 ? ['dockerfilelint', 'whittle'] : ['whittle', 'dockerfilelint'];
    for (const tool of order) {
      const m = run(tool);
      bestRound.set(tool, Math.max(bestRound.get(tool) ?? 0, roundRate(m)));
      bestCpu.set(tool, Math.max(bestCpu.get(tool) ?? 0, cpuRate(m)));
      const previous = best.get(tool);
      if (!previous || rate(m) > rate(previous)) best.set(tool, { ...m, peakRssMiB: Math.max(m.peakRssMiB, previous?.peakRssMiB ?? 0) });
      else previous.peakRssMiB = Math.max(previous.peakRssMiB, m.peakRssMiB);
    }
  }
  const reference = best.get('dockerfilelint')!;
  const whittle = best.get('whittle')!;
  console.log(`lint corpus: ${whittle.files} Dockerfiles x ${rounds} rounds, best of ${trials} alternating trials`);
  for (const m of [reference, whittle]) {
    console.log(`  ${m.tool.padEnd(15)} ${rate(m).toFixed(0).padStart(7)} files/s  peak RSS ${m.peakRssMiB.toFixed(0)} MiB  ${m.findings} findings per round`);
  }
  console.log(`  whittle / dockerfilelint speed ratio: ${(rate(whittle) / rate(reference)).toFixed(2)} (above 1 is faster)`);
  const cpuWhittle = bestCpu.get('whittle')!;
  const cpuReference = bestCpu.get('dockerfilelint')!;
  console.log(
    `  per CPU-second (best trial): dockerfilelint ${cpuReference.toFixed(0)} files, whittle ${cpuWhittle.toFixed(0)} files, ratio ${(cpuWhittle / cpuReference).toFixed(2)}`,
  );
  // The rounds above include JIT warm-up (most of whittle's time over 5 rounds); the fastest round shows the warmer rate.
  const warmWhittle = bestRound.get('whittle')!;
  const warmReference = bestRound.get('dockerfilelint')!;
  console.log(
    `  fastest single round: dockerfilelint ${warmReference.toFixed(0)} files/s, whittle ${warmWhittle.toFixed(0)} files/s, ratio ${(warmWhittle / warmReference).toFixed(2)}`,
  );
}

await main();
