/**
 * Cost of the structure rules (src/rules/sets/structure.ts) over the fixture corpus, against the structural parse
 * of the same files measured in the same run (the reference: rules should cost a fraction of parsing).
 * Run: npm run build && node dist/bench/structure-rules.js [seconds-per-measure]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfileSync } from '../src/dockerfile/parse.js';
import type { Dockerfile } from '../src/dockerfile/model.js';
import { lintDockerfile } from '../src/lint/engine.js';
import { structureRules } from '../src/rules/sets/structure.js';
import { fixturesDir } from '../test/helpers/paths.js';

function corpusFiles(dir = join(fixturesDir, 'corpus')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? corpusFiles(path) : [path];
  });
}

/** Runs `work` over and over for about `seconds` and returns passes per second. */
function rate(seconds: number, work: () => void): number {
  work(); // warm-up
  const started = performance.now();
  let passes = 0;
  while (performance.now() - started < seconds * 1000) {
    work();
    passes++;
  }
  return passes / ((performance.now() - started) / 1000);
}

const seconds = Number(process.argv[2] ?? 3);
const texts = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const parsed: Dockerfile[] = texts.map(({ path, text }) => parseDockerfileSync(text, path));
// Opt-in rules on too, so every rule is measured.
const config = { severityOverrides: { DL1001: 'info' as const, InvalidDefinitionDescription: 'info' as const } };

// Alternate the two measures in rounds and keep the median ratio: a busy machine slows both alike.
const rounds = 5;
const ratios: number[] = [];
const parseRates: number[] = [];
const rulesRates: number[] = [];
for (let round = 0; round < rounds; round++) {
  const parseRate = rate(seconds / rounds, () => {
    for (const { path, text } of texts) parseDockerfileSync(text, path);
  });
  const rulesRate = rate(seconds / rounds, () => {
    for (const df of parsed) lintDockerfile(df, { rules: structureRules, config });
  });
  parseRates.push(parseRate);
  rulesRates.push(rulesRate);
  ratios.push(parseRate / rulesRate);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const files = texts.length;
console.log(`structure rules (${structureRules.length}) over ${files} corpus files, median of ${rounds} rounds:`);
console.log(`  parse (reference)  ${(median(parseRates) * files).toFixed(0)} files/s`);
console.log(`  structure rules    ${(median(rulesRates) * files).toFixed(0)} files/s`);
console.log(`  rules cost ${median(ratios).toFixed(2)}x the parse time (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
