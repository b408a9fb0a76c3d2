/** Runs the real CLI (bin/whittle.js, which imports dist/) in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliPath } from '../helpers/paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  if (!options.env?.FORCE_COLOR) env.NO_COLOR = '1';
  else env.FORCE_COLOR = options.env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder with the given files (path to contents). */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** No stack frames or Node error dumps: what every user-facing error must look like. */
export function assertNoStack(stderr: string): void {
  if (/^\s+at /m.test(stderr) || /node:internal|Error:|\.ts:\d+|\.js:\d+:\d+/.test(stderr)) {
    throw new Error(`stderr shows a stack trace or internal error:\n${stderr}`);
  }
}

/** A Dockerfile whose CMD is in shell form: exec-form-cmd (DL3025) reports it as a fixable warning. */
export const SHELL_FORM_CMD = 'FROM alpine:3.20\nCMD echo hello\n';
