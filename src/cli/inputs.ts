/** Turns the file arguments (paths, globs, directories, `-`) into a list of Dockerfiles to read. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { InputProblem } from '../report/lint/types.js';

export interface Input {
  /** As shown in reports: the argument or the glob match, relative to cwd; "-" for stdin. */
  display: string;
  /** Absolute path; null for stdin. */
  path: string | null;
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];
/** What a folder argument means: the Dockerfiles in it, at any depth. */
const DOCKERFILE_NAMES = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*'];

/** `Dockerfile.dockerignore` matches `Dockerfile*` but is BuildKit's per-Dockerfile ignore file, never a Dockerfile. */
function isIgnoreFile(path: string): boolean {
  return path.endsWith('.dockerignore');
}

async function globFiles(patterns: string[], cwd: string): Promise<string[]> {
  const found = await glob(patterns, { cwd, dot: true, ignore: IGNORE, onlyFiles: true, expandDirectories: false });
  return found.filter((p) => !isIgnoreFile(p)).sort();
}

export async function expandInputs(args: readonly string[], cwd: string): Promise<{ inputs: Input[]; problems: InputProblem[] }> {
  const inputs: Input[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (display: string, path: string | null): void => {
    const key = path ?? '-';
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push({ display, path });
  };
  for (const arg of args) {
    if (arg === '-') {
      add('-', null);
      continue;
    }
    const abs = resolve(cwd, arg);
    if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) {
        const found = await globFiles(DOCKERFILE_NAMES.map((n) => `**/${n}`), abs);
        if (found.length === 0) problems.push({ file: arg, message: 'no Dockerfile in this folder' });
        for (const f of found) add(join(arg, f), join(abs, f));
      } else {
        add(arg, abs);
      }
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = await globFiles([arg], cwd);
      if (found.length === 0) problems.push({ file: arg, message: 'no files match this pattern' });
      for (const f of found) add(f, resolve(cwd, f));
      continue;
    }
    problems.push({ file: arg, message: 'no such file' });
  }
  return { inputs, problems };
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
