/**
 * The stack, read from the build context (manifests and lock files, Go sources for cgo, Python setup files for C
 * extensions) and from what the Dockerfile runs. Only reads files; every path stays inside the context.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative } from 'node:path';
import type { OriginalFacts } from './facts.js';
import type { StackName } from './types.js';

/** Read access to the build context, confined to it (no `..`, no link leaving it). */
export class ContextFiles {
  constructor(readonly dir: string) {}

  private resolve(rel: string): string | undefined {
    const clean = normalize(rel.replace(/^\.\//, '')).replace(/\/+$/, '');
    if (clean.startsWith('..') || isAbsolute(clean)) return undefined;
    const abs = join(this.dir, clean);
    const back = relative(this.dir, abs);
    return back.startsWith('..') ? undefined : abs;
  }

  exists(rel: string): boolean {
    const abs = this.resolve(rel);
    return abs !== undefined && existsSync(abs);
  }

  isDir(rel: string): boolean {
    const abs = this.resolve(rel);
    try {
      return abs !== undefined && lstatSync(abs).isDirectory();
    } catch {
      return false;
    }
  }

  /** A small text file's contents (manifests are small: anything over 4 MB is not read). */
  read(rel: string): string | undefined {
    const abs = this.resolve(rel);
    if (abs === undefined) return undefined;
    try {
      const st = lstatSync(abs);
      if (!st.isFile() || st.size > 4 * 1024 * 1024) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Relative paths of files whose name matches, skipping dependency and VCS folders; at most `limit`. */
  find(match: (name: string) => boolean, limit = 5000, skip: readonly string[] = ['.git', 'node_modules', 'vendor', 'target', '.venv', 'venv', 'build', 'dist']): string[] {
    const out: string[] = [];
    const walk = (rel: string, depth: number): void => {
      if (out.length >= limit || depth > 12) return;
      let entries;
      try {
        entries = readdirSync(join(this.dir, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!skip.includes(e.name)) walk(path, depth + 1);
        } else if (e.isFile() && match(e.name)) {
          out.push(path);
          if (out.length >= limit) return;
        }
      }
    };
    walk('', 0);
    return out;
  }
}

export interface GoFacts {
  module: string;
  /** go.mod has requirements (so `go mod download` has something to fetch). */
  requires: boolean;
  goSum: boolean;
  vendor: boolean;
  /** A source file that imports "C", when there is one. */
  cgoFile?: string;
}

export interface PythonFacts {
  /** Requirement files the Dockerfile installs (`-r`), else requirements.txt when present. */
  requirementFiles: string[];
  pyproject: boolean;
  setupPy: boolean;
  /** Local paths named in the requirement files (`./vendor/pkg`, `-e ./lib`): copied before installing. */
  localPaths: string[];
  /** A file declaring a C extension (ext_modules), when there is one. */
  cExtension?: string;
}

export interface NodeFacts {
  manager: 'npm' | 'yarn' | 'pnpm';
  lockFile?: string;
  packageJson: { main?: string; scripts?: Record<string, string>; dependencies?: Record<string, string> };
  /** Config read by the install (.npmrc, .yarnrc): copied with the manifests. */
  configFiles: string[];
  /** Local directories dependencies point at (`file:vendor/x`): copied before installing. */
  localPaths: string[];
}

export interface JavaFacts {
  build: 'maven' | 'gradle' | 'javac';
}

export interface RustFacts {
  name: string;
  lock: boolean;
}

export interface StackFacts {
  stack: StackName;
  go?: GoFacts;
  python?: PythonFacts;
  node?: NodeFacts;
  java?: JavaFacts;
  rust?: RustFacts;
}

export type Detection = { ok: true; facts: StackFacts } | { ok: false; reasons: string[]; stack?: StackName };

function goFacts(ctx: ContextFiles): GoFacts {
  const mod = ctx.read('go.mod') ?? '';
  const module = /^module\s+(\S+)/m.exec(mod)?.[1] ?? 'app';
  const requires = /^require\s/m.test(mod);
  let cgoFile: string | undefined;
  for (const file of ctx.find((n) => n.endsWith('.go') && !n.endsWith('_test.go'), 2000)) {
    const text = ctx.read(file) ?? '';
    if (/^\s*import\s+"C"/m.test(text) || /^\s*import\s*\([^)]*^\s*"C"\s*$/ms.test(text)) {
      cgoFile = file;
      break;
    }
  }
  return { module, requires, goSum: ctx.exists('go.sum'), vendor: ctx.exists('vendor/modules.txt'), ...(cgoFile ? { cgoFile } : {}) };
}

/** Requirement files named by `-r` in the Dockerfile's pip commands, relative to the context. */
function pipRequirementFiles(facts: OriginalFacts, ctx: ContextFiles): string[] {
  const files: string[] = [];
  for (const r of facts.runs) {
    if (!r.kinds.has('python-deps')) continue;
    for (const c of r.commands) {
      const words = c.words.map((w) => w.value);
      words.forEach((w, i) => {
        let file: string | undefined;
        if ((w === '-r' || w === '--requirement') && words[i + 1]) file = words[i + 1];
        else if (w.startsWith('--requirement=')) file = w.slice('--requirement='.length);
        else if (/^-r\S/.test(w)) file = w.slice(2);
        if (!file) return;
        // Map the image path back to the context: the file was copied from there, usually under the same name.
        const candidates = [file, file.replace(/^\/+/, ''), file.split('/').pop()!];
        const rel = candidates.find((c2) => ctx.exists(c2) && !ctx.isDir(c2));
        if (rel && !files.includes(rel)) files.push(rel.replace(/^\.\//, ''));
      });
    }
  }
  if (files.length === 0 && ctx.exists('requirements.txt')) files.push('requirements.txt');
  // Nested `-r other.txt` / `-c constraints.txt` lines travel with their parent.
  for (let i = 0; i < files.length; i++) {
    const text = ctx.read(files[i]!) ?? '';
    const dir = files[i]!.includes('/') ? files[i]!.slice(0, files[i]!.lastIndexOf('/') + 1) : '';
    for (const m of text.matchAll(/^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)/gm)) {
      const nested = `${dir}${m[1]!}`;
      if (ctx.exists(nested) && !files.includes(nested)) files.push(nested);
    }
  }
  return files;
}

function pythonFacts(facts: OriginalFacts, ctx: ContextFiles): PythonFacts {
  const requirementFiles = pipRequirementFiles(facts, ctx);
  const localPaths: string[] = [];
  for (const file of requirementFiles) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const raw of (ctx.read(file) ?? '').split(/\r?\n/)) {
      const lineText = raw.replace(/\s+#.*$/, '').replace(/^\s*(-e|--editable)\s+/, '').trim();
      if (!/^(\.{1,2}\/|\/|file:)/.test(lineText)) continue;
      const path = `${dir}${lineText.replace(/^file:(\/\/)?/, '').replace(/\[.*$/, '')}`.replace(/^\.\//, '').replace(/\/+$/, '');
      if (ctx.exists(path) && !localPaths.includes(path)) localPaths.push(path);
    }
  }
  let cExtension: string | undefined;
  for (const dir of ['', ...localPaths.map((p) => `${p}/`)]) {
    for (const file of ['setup.py', 'pyproject.toml', 'setup.cfg']) {
      const text = ctx.read(`${dir}${file}`);
      if (text && /ext_modules|ext-modules|Extension\(|\[tool\.setuptools\.ext|cythonize|pybind11|maturin|cffi_modules/.test(text)) {
        cExtension ??= `${dir}${file}`;
      }
    }
  }
  return {
    requirementFiles,
    pyproject: ctx.exists('pyproject.toml'),
    setupPy: ctx.exists('setup.py'),
    localPaths,
    ...(cExtension ? { cExtension } : {}),
  };
}

function nodeFacts(ctx: ContextFiles): NodeFacts {
  let packageJson: NodeFacts['packageJson'] = {};
  try {
    packageJson = JSON.parse(ctx.read('package.json') ?? '{}') as NodeFacts['packageJson'];
  } catch {
    packageJson = {};
  }
  const lock = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'].find((f) => ctx.exists(f));
  const manager = lock === 'yarn.lock' ? 'yarn' : lock === 'pnpm-lock.yaml' ? 'pnpm' : 'npm';
  const localPaths: string[] = [];
  for (const spec of Object.values(packageJson.dependencies ?? {})) {
    const m = /^(?:file|link):(.+)$/.exec(spec);
    if (m) {
      const path = m[1]!.replace(/^\.\//, '').replace(/\/+$/, '');
      if (ctx.exists(path) && !localPaths.includes(path)) localPaths.push(path);
    }
  }
  return {
    manager,
    ...(lock ? { lockFile: lock } : {}),
    packageJson,
    configFiles: ['.npmrc', '.yarnrc', '.yarnrc.yml'].filter((f) => ctx.exists(f)),
    localPaths,
  };
}

/** The stacks the context's manifests point at. */
function manifestStacks(ctx: ContextFiles): Set<StackName | 'ruby'> {
  const out = new Set<StackName | 'ruby'>();
  if (ctx.exists('go.mod')) out.add('go');
  if (['requirements.txt', 'pyproject.toml', 'poetry.lock', 'Pipfile', 'setup.py'].some((f) => ctx.exists(f))) out.add('python');
  if (ctx.exists('package.json')) out.add('node');
  if (['pom.xml', 'build.gradle', 'build.gradle.kts'].some((f) => ctx.exists(f))) out.add('java');
  if (ctx.exists('Cargo.toml')) out.add('rust');
  if (ctx.exists('Gemfile')) out.add('ruby');
  return out;
}

/** The stacks the Dockerfile's own build steps point at. */
function dockerfileStacks(facts: OriginalFacts): Set<StackName> {
  const out = new Set<StackName>();
  for (const r of facts.runs) {
    if (r.kinds.has('go')) out.add('go');
    if (r.kinds.has('python-deps')) out.add('python');
    if (r.kinds.has('node-deps') || r.kinds.has('node-build')) out.add('node');
    if (r.kinds.has('java')) out.add('java');
    if (r.kinds.has('rust')) out.add('rust');
  }
  const argv0 = (facts.start.entrypoint ?? facts.start.cmd ?? [])[0]?.split('/').pop() ?? '';
  if (/^python[\d.]*$|^gunicorn$|^uvicorn$/.test(argv0)) out.add('python');
  if (/^(node|nodejs)$/.test(argv0)) out.add('node');
  if (argv0 === 'java') out.add('java');
  return out;
}

export function detectStack(facts: OriginalFacts, ctx: ContextFiles, forced?: StackName): Detection {
  const fromContext = manifestStacks(ctx);
  const fromDockerfile = dockerfileStacks(facts);
  let stack: StackName | 'ruby' | undefined = forced;
  if (!stack) {
    const both = [...fromContext].filter((s) => s === 'ruby' || fromDockerfile.has(s));
    const candidates = both.length > 0 ? both : fromContext.size > 0 ? [...fromContext] : [...fromDockerfile];
    if (candidates.length === 0) {
      // Plain .java sources with no build tool: javac in the Dockerfile, or sources in the context.
      if (ctx.find((n) => n.endsWith('.java'), 1).length > 0) stack = 'java';
      else return { ok: false, reasons: ['no stack found: the context has no go.mod, package.json, requirements.txt, pyproject.toml, pom.xml, build.gradle, Cargo.toml or .java sources (name one with --stack)'] };
    } else if (candidates.length > 1) {
      return { ok: false, reasons: [`several stacks found (${candidates.sort().join(', ')}): name the one to build with --stack`] };
    } else {
      stack = candidates[0]!;
    }
  }
  if (stack === 'ruby') return { ok: false, reasons: ['Ruby (Gemfile) is detected but whittle optimize has no Ruby template yet'] };
  const out: StackFacts = { stack };
  switch (stack) {
    case 'go':
      if (!ctx.exists('go.mod')) return { ok: false, stack, reasons: ['Go without go.mod (GOPATH mode) is not supported: add a go.mod'] };
      out.go = goFacts(ctx);
      break;
    case 'python':
      out.python = pythonFacts(facts, ctx);
      break;
    case 'node':
      if (!ctx.exists('package.json')) return { ok: false, stack, reasons: ['Node without package.json in the context'] };
      out.node = nodeFacts(ctx);
      break;
    case 'java':
      out.java = { build: ctx.exists('pom.xml') ? 'maven' : ctx.exists('build.gradle') || ctx.exists('build.gradle.kts') ? 'gradle' : 'javac' };
      break;
    case 'rust': {
      const toml = ctx.read('Cargo.toml') ?? '';
      const name = /\[\[bin\]\][^[]*?name\s*=\s*"([^"]+)"/s.exec(toml)?.[1] ?? /\[package\][^[]*?name\s*=\s*"([^"]+)"/s.exec(toml)?.[1];
      if (!name) return { ok: false, stack, reasons: ['Cargo.toml names no package: whittle cannot tell the binary name'] };
      out.rust = { name, lock: ctx.exists('Cargo.lock') };
      break;
    }
  }
  return { ok: true, facts: out };
}
