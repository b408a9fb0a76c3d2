/**
 * The one-line source change of the rebuild measure: which file to touch and what line to append, made in a
 * temporary copy of the context (the user's files are never written).
 */
import { cp, lstat, open, readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { dockerignoreMatcher } from '../lint/dockerignore.js';

/** Sources by how surely they are application code (lower first). */
const SOURCE_EXTENSIONS: Record<string, number> = {
  '.go': 0, '.py': 0, '.js': 0, '.mjs': 0, '.cjs': 0, '.ts': 0, '.java': 0, '.kt': 0, '.rs': 0, '.rb': 0, '.php': 0,
  '.c': 0, '.cc': 0, '.cpp': 0, '.cs': 0, '.scala': 0, '.swift': 0, '.ex': 0, '.exs': 0, '.sh': 1,
  '.html': 2, '.css': 2, '.txt': 3,
};

/** Dependency manifests and lock files: changing one is a dependency change, not a source change. */
const MANIFESTS = new Set([
  'package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'npm-shrinkwrap.json', 'requirements.txt', 'pyproject.toml',
  'poetry.lock', 'Pipfile', 'Pipfile.lock', 'setup.py', 'setup.cfg', 'go.mod', 'go.sum', 'Cargo.toml', 'Cargo.lock', 'Gemfile',
  'Gemfile.lock', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'composer.json', 'composer.lock', 'Dockerfile',
  '.dockerignore',
]);

const HASH_COMMENT = new Set(['.py', '.rb', '.sh', '.ex', '.exs', '.txt', '.yaml', '.yml', '.toml']);

/** The line appended: a comment in the file's language, or an empty line where no comment syntax is safe (JSON). */
export function commentLine(file: string, nonce: string): string {
  const ext = extname(file).toLowerCase();
  const text = `whittle bench rebuild ${nonce}`;
  if (HASH_COMMENT.has(ext)) return `# ${text}\n`;
  if (ext === '.html') return `<!-- ${text} -->\n`;
  if (ext === '.css') return `/* ${text} */\n`;
  if (ext in SOURCE_EXTENSIONS) return `// ${text}\n`;
  return '\n';
}

/** Picks the file to change among the context's files (relative, `/`-separated): a source file, never a manifest. */
export function pickSourceFile(files: readonly string[], ignored: (path: string) => boolean = () => false): string | null {
  const candidates = files
    .filter((f) => !ignored(f))
    .filter((f) => !MANIFESTS.has(f.split('/').pop()!) && !/(^|\/)Dockerfile[^/]*$/.test(f) && !/(^|\/)\./.test(f))
    .map((f) => ({ f, rank: SOURCE_EXTENSIONS[extname(f).toLowerCase()] ?? 9, depth: f.split('/').length }));
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a.rank - b.rank || a.depth - b.depth || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  return candidates[0]!.f;
}

/** Every regular file under `dir`, relative and `/`-separated (symbolic links not followed). */
export async function listContextFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

async function isText(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return !buf.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/** Which file of `context` the rebuild changes: `requested` (checked to be inside and a text file) or a pick. */
export async function chooseChangedFile(context: string, dockerignore: string | null, requested?: string): Promise<string> {
  if (requested !== undefined) {
    const rel = relative(context, join(context, requested)).split(sep).join('/');
    if (rel.startsWith('..') || rel === '') throw new InputError(`--change must name a file inside the build context ${context}`, requested);
    const st = await lstat(join(context, rel)).catch(() => null);
    if (!st?.isFile()) throw new InputError('--change: no such regular file in the build context', requested);
    return rel;
  }
  const files = await listContextFiles(context);
  const ignored = dockerignore ? dockerignoreMatcher(dockerignore) : () => false;
  const texts: string[] = [];
  for (const f of files) if (await isText(join(context, f))) texts.push(f);
  const picked = pickSourceFile(texts, ignored);
  if (!picked) throw new InputError('no source file in the build context to change for the rebuild measure; name one with --change FILE', context);
  return picked;
}

/**
 * Copies `context` to `copyDir` (links kept as links) and appends one line to `file` in the copy, after a newline
 * when the file does not end with one (so the comment never joins the last line of code).
 */
export async function copyWithChange(context: string, copyDir: string, file: string, nonce: string): Promise<void> {
  await cp(context, copyDir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  const target = join(copyDir, file);
  const handle = await open(target, 'r+');
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const line = commentLine(file, nonce);
    await handle.write(size > 0 && last[0] !== 0x0a ? `\n${line}` : line, size);
  } finally {
    await handle.close();
  }
}
