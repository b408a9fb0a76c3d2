/** Runs whittle's CLI in this process (every command registered) and captures what it prints. */
import { PassThrough } from 'node:stream';
import { commands } from '../../src/cli/commands.js';
import { run } from '../../src/cli/main.js';

export async function whittle(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const code = await run(args, commands, { stdout, stderr });
  return { code, stdout: out, stderr: err };
}
