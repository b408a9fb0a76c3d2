/** The build context a Dockerfile is built with: its folder (or --context), and the ignore file BuildKit would use. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { BuildContext } from '../rules/types.js';

/**
 * BuildKit's rule: `<Dockerfile name>.dockerignore` beside the Dockerfile wins over `.dockerignore` at the context root.
 * Returns the path that applies, or null.
 */
export function dockerignorePath(dockerfilePath: string | null, contextDir: string): string | null {
  if (dockerfilePath) {
    const specific = join(dirname(dockerfilePath), `${basename(dockerfilePath)}.dockerignore`);
    if (existsSync(specific)) return specific;
  }
  const root = join(contextDir, '.dockerignore');
  return existsSync(root) ? root : null;
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function buildContextFor(dockerfilePath: string | null, contextOption: string | undefined, cwd: string): BuildContext | null {
  const dir = contextOption !== undefined ? resolve(cwd, contextOption) : dockerfilePath ? dirname(dockerfilePath) : null;
  if (dir === null) return null;
  const ignorePath = dockerignorePath(dockerfilePath, dir);
  const dockerignore = ignorePath ? readFileSync(ignorePath, 'utf8') : null;
  return {
    dir,
    dockerignore,
    exists(relativePath: string): boolean {
      const clean = relativePath.replace(/^\.\//, '').replace(/^\/+/, '');
      if (clean === '' || clean === '.') return true;
      if (isDynamicPattern(clean)) {
        if (clean.split('/').includes('..')) return false;
        return globSync([clean], { cwd: dir, dot: true, onlyFiles: false, expandDirectories: false }).length > 0;
      }
      const abs = resolve(dir, clean);
      return inside(dir, abs) && existsSync(abs);
    },
  };
}
