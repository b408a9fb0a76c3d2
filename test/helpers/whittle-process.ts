/**
 * Runs the real whittle CLI in a child process, without blocking the event loop (builds take minutes, and lock
 * refresh timers must keep running). From dist/ (npm test) it runs bin/whittle.js; from the sources (npx tsx --test)
 * it runs src/cli/main.ts through tsx, so a test run never depends on a stale dist/.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliPath, repoRoot } from './paths.js';

export interface WhittleResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the run. */
  seconds: number;
}

const fromDist = import.meta.url.includes('/dist/');

export function runWhittle(args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<WhittleResult> {
  const mainUrl = pathToFileURL(join(repoRoot, 'src', 'cli', 'main.ts')).href;
  const nodeArgs = fromDist
    ? [cliPath, ...args]
    : ['--import', pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(mainUrl)}); process.exitCode = await main(process.argv.slice(1));`, ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-50_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20 * 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}
