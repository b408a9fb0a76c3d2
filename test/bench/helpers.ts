/** Shared by the bench tests: the in-process CLI with captured output, a context snapshot, the e2e storage flags. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, lstatSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { commands } from '../../src/cli/commands.js';
import { run } from '../../src/cli/main.js';
import { e2eStorage } from '../helpers/e2e-images.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

/** Runs `whittle ARGS` in this process (no build of dist/ needed), output captured. */
export async function whittle(args: string[]): Promise<InProcessResult> {
  const out = sink();
  const err = sink();
  const code = await run(args, commands, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The flags that make `whittle bench` build in the e2e storage, where the Debian base is. */
export const e2eBenchFlags = [...e2eStorage.benchFlags, '--pull', 'never'];

/** Every entry under `dir` with its type, mode, mtime and content hash: equal snapshots mean nothing was touched. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      const rel = relative(dir, p);
      if (st.isDirectory()) {
        out[rel] = `dir ${st.mode} ${st.mtimeMs}`;
        walk(p);
      } else if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
      else out[rel] = `file ${st.mode} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}
