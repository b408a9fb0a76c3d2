/**
 * `npm run bench`: runs every bench script in bench/ (compiled to dist/bench/), one after another so they do
 * not compete for the two cores, passes their figures through, and ends with a summary of how long each took.
 *
 * A bench script is a top-level file of bench/; modules that scripts import (a `*-floor`, `*-helpers`, `*-lib`
 * or `*-util` file, or anything in a subfolder) are not run. Arguments after `--` name the benches to run
 * (`node dist/bench/run-all.js inspect parse`); the default is all of them.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const notScripts = /(^run-all|-floor|-helpers?|-lib|-utils?|\.d)$/;

function benchScripts(): string[] {
  return readdirSync(benchDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => basename(entry.name, '.js'))
    .filter((name) => !notScripts.test(name))
    .sort();
}

function runScript(name: string): Promise<{ code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(benchDir, `${name}.js`)], { stdio: 'inherit' });
    child.once('error', (error) => {
      process.stderr.write(`${name}: ${error.message}\n`);
      resolve({ code: null, seconds: (performance.now() - started) / 1000 });
    });
    child.once('close', (code) => resolve({ code, seconds: (performance.now() - started) / 1000 }));
  });
}

const all = benchScripts();
const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (known: ${all.join(', ')})\n`);
  process.exit(2);
}
const selected = wanted.length ? wanted : all;

const results: { name: string; code: number | null; seconds: number }[] = [];
for (const name of selected) {
  process.stdout.write(`\n=== bench/${name}\n`);
  results.push({ name, ...(await runScript(name)) });
}

process.stdout.write('\n=== bench summary\n');
for (const r of results) {
  const status = r.code === 0 ? 'ok' : `FAILED (exit ${r.code ?? 'error'})`;
  process.stdout.write(`  ${r.name.padEnd(20)} ${r.seconds.toFixed(1).padStart(7)} s  ${status}\n`);
}
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
