/** Writes fixed Dockerfiles (atomically) or shows them as a diff, and says what was fixed. */
import { constants } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Finding } from '../core/finding.js';
import { writeFileAtomic } from './atomic-write.js';
import type { FileResult } from './lint-run.js';

/** "fixed 3 problems: apt-no-recommends, pip-no-cache-dir ×2". */
export function fixedSummary(fixed: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fixed) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const rules = [...counts].map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule)).join(', ');
  return `fixed ${fixed.length} problem${fixed.length === 1 ? '' : 's'}: ${rules}`;
}

function patch(oldName: string, newName: string, before: string, after: string): string {
  const text = createTwoFilesPatch(oldName, newName, before, after, undefined, undefined, { context: 3 });
  // The `===` banner is jsdiff's own; git and patch(1) output start at the `---` line.
  return text.replace(/^=+\n/, '');
}

/** The diff of the fixed Dockerfile and of a .dockerignore fix would create. */
export function unifiedDiff(result: FileResult, cwd: string = process.cwd()): string {
  let out = '';
  const name = result.input.display;
  if (result.fixedText !== null) out += patch(`a/${name}`, `b/${name}`, result.text, result.fixedText);
  if (result.dockerignore) {
    const rel = relative(cwd, result.dockerignore.path) || '.dockerignore';
    out += patch('/dev/null', `b/${rel}`, '', result.dockerignore.text);
  }
  return out;
}

export interface ApplyOutcome {
  /** Lines for the user, one per file that changed. */
  messages: string[];
  /** Fixed text of stdin, to print instead of writing a file. */
  stdinText: string | null;
}

/** Writes each changed file; stdin's fixed text is returned, not written. */
export async function applyFixes(results: readonly FileResult[]): Promise<ApplyOutcome> {
  const messages: string[] = [];
  let stdinText: string | null = null;
  for (const r of results) {
    if (r.dockerignore) {
      // O_EXCL: never replace a .dockerignore that appeared since it was checked.
      await writeFile(r.dockerignore.path, r.dockerignore.text, { flag: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode: 0o644 }).catch(
        (err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        },
      );
      messages.push(`${relative(process.cwd(), r.dockerignore.path) || '.dockerignore'}: written for ${r.input.display}`);
    }
    if (r.fixedText === null && !r.dockerignore) continue;
    if (r.fixedText !== null) {
      if (r.input.path === null) stdinText = r.fixedText;
      else await writeFileAtomic(r.input.path, r.fixedText);
    }
    messages.push(`${r.input.display}: ${fixedSummary(r.fixed)}`);
  }
  return { messages, stdinText };
}
