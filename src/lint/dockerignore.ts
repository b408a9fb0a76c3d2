/**
 * .dockerignore: matching with Docker's semantics (@balena/dockerignore, a port of moby's matcher), the paths that
 * should never reach a build context, and a generated file for the stack a Dockerfile builds.
 */
import dockerignoreModule from '@balena/dockerignore';
import type { CopyInstruction, Dockerfile } from '../dockerfile/model.js';
import type { BuildContext } from '../rules/types.js';
import { packageCommands } from '../rules/util/packages.js';
import { commandsOf, programName } from '../rules/util/shell.js';

/** The package is CommonJS with `exports.default`; NodeNext types the default import as the module object. */
type IgnoreFactory = () => { add(patterns: string[]): { ignores(path: string): boolean } };
const createIgnore: IgnoreFactory =
  ((dockerignoreModule as unknown as { default?: IgnoreFactory }).default ?? (dockerignoreModule as unknown as IgnoreFactory));

/** The patterns of a .dockerignore text: comments and blank lines dropped, as Docker reads it. */
export function dockerignorePatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** A matcher over a .dockerignore text: `ignores('node_modules/x')`. Paths are relative to the context, `/`-separated. */
export function dockerignoreMatcher(text: string): (path: string) => boolean {
  const ig = createIgnore().add(dockerignorePatterns(text));
  return (path: string) => ig.ignores(path.replace(/^\.\//, '').replace(/^\/+/, ''));
}

export type Stack = 'node' | 'python' | 'go' | 'maven' | 'gradle' | 'rust' | 'ruby' | 'php' | 'dotnet';

/** Paths that should not be sent into an image, with a representative file under each to test a .dockerignore with. */
export interface Unwanted {
  /** The pattern to add to .dockerignore. */
  pattern: string;
  /** A path inside it, for matching (`__pycache__` lives in every package, so a nested one is tested). */
  probe: string;
  /** What it is, for messages. */
  what: string;
  /** Which stacks make it expected in the context; with `onlyIfPresent`, only when the context has it. */
  stacks: Stack[] | 'all';
  onlyIfPresent?: boolean;
  /** The top-level path whose presence in the context shows it is there (default: the probe's first segment). */
  root?: string;
}

export const UNWANTED: readonly Unwanted[] = [
  { pattern: '.git', probe: '.git/HEAD', what: 'the git history', stacks: 'all' },
  { pattern: '**/node_modules', probe: 'node_modules/left-pad/package.json', what: 'installed node modules', stacks: ['node'] },
  { pattern: '.venv', probe: '.venv/bin/python', what: 'a virtualenv', stacks: ['python'] },
  { pattern: 'venv', probe: 'venv/bin/python', what: 'a virtualenv', stacks: ['python'], onlyIfPresent: true },
  { pattern: '**/__pycache__', probe: 'app/__pycache__/main.cpython-312.pyc', what: 'Python bytecode caches', stacks: ['python'], root: '__pycache__' },
  { pattern: 'target', probe: 'target/app.jar', what: 'build output', stacks: 'all', onlyIfPresent: true },
  { pattern: 'dist', probe: 'dist/index.js', what: 'build output', stacks: 'all', onlyIfPresent: true },
  { pattern: 'build', probe: 'build/output.bin', what: 'build output', stacks: 'all', onlyIfPresent: true },
];

/** The top-level directory a probe tests, to ask the build context whether it exists. */
export function unwantedRoot(u: Unwanted): string {
  return u.root ?? u.probe.split('/')[0]!;
}

const MANIFESTS: Record<string, Stack> = {
  'package.json': 'node',
  'requirements.txt': 'python',
  'pyproject.toml': 'python',
  'setup.py': 'python',
  Pipfile: 'python',
  'go.mod': 'go',
  'pom.xml': 'maven',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle',
  'Cargo.toml': 'rust',
  Gemfile: 'ruby',
  'composer.json': 'php',
};

const MANAGER_STACKS: Record<string, Stack> = {
  npm: 'node', yarn: 'node', pnpm: 'node', pip: 'python', go: 'go', cargo: 'rust', bundle: 'ruby', gem: 'ruby', composer: 'php',
};

const PROGRAM_STACKS: Record<string, Stack> = {
  node: 'node', npx: 'node', python: 'python', python3: 'python', poetry: 'python', pipenv: 'python', uv: 'python',
  mvn: 'maven', mvnw: 'maven', gradle: 'gradle', gradlew: 'gradle', rustc: 'rust', ruby: 'ruby', rails: 'ruby', php: 'php',
  dotnet: 'dotnet',
};

const IMAGE_STACKS: [RegExp, Stack][] = [
  [/(^|\/)node(:|$)/, 'node'],
  [/(^|\/)(python|pypy)(:|$)/, 'python'],
  [/(^|\/)golang(:|$)/, 'go'],
  [/(^|\/)maven(:|$)/, 'maven'],
  [/(^|\/)gradle(:|$)/, 'gradle'],
  [/(^|\/)rust(:|$)/, 'rust'],
  [/(^|\/)ruby(:|$)/, 'ruby'],
  [/(^|\/)(php|composer)(:|$)/, 'php'],
  [/dotnet\/(sdk|aspnet|runtime)/, 'dotnet'],
];

/** The stacks a Dockerfile builds, from its base images, the commands it runs and the manifests in the context. */
export function detectStacks(df: Dockerfile, buildContext: BuildContext | null): Set<Stack> {
  const stacks = new Set<Stack>();
  for (const stage of df.stages) {
    const image = stage.from.imageExpanded.toLowerCase();
    for (const [re, stack] of IMAGE_STACKS) if (re.test(image)) stacks.add(stack);
  }
  for (const pc of packageCommands(df)) {
    const stack = MANAGER_STACKS[pc.manager];
    if (stack) stacks.add(stack);
  }
  for (const { command } of commandsOf(df)) {
    const stack = PROGRAM_STACKS[programName(command)];
    if (stack) stacks.add(stack);
  }
  if (buildContext) for (const [file, stack] of Object.entries(MANIFESTS)) if (buildContext.exists(file)) stacks.add(stack);
  return stacks;
}

/** Whether an entry matters for this build: its stack is built (and, when it says so, the context has the path). */
export function concerns(u: Unwanted, stacks: ReadonlySet<Stack>, buildContext: BuildContext): boolean {
  if (u.onlyIfPresent && !buildContext.exists(unwantedRoot(u))) return false;
  if (buildContext.exists(unwantedRoot(u))) return true;
  return u.stacks === 'all' || u.stacks.some((s) => stacks.has(s));
}

/** A JavaScript build run in the image: local `dist`/`build` output is then stale weight in the context. */
function buildsJavaScript(df: Dockerfile): boolean {
  return commandsOf(df).some(({ command }) => {
    const name = programName(command);
    const args = command.args.map((w) => w.value);
    return (/^(npm|yarn|pnpm)$/.test(name) && args.includes('build')) || /^(tsc|webpack|vite|next|ng|nuxt)$/.test(name);
  });
}

const SECTIONS: { title: string; stacks: Stack[] | 'all'; patterns: string[] }[] = [
  { title: 'Version control and editors', stacks: 'all', patterns: ['.git', '.gitignore', '.hg', '.svn', '.idea', '.vscode', '**/*.swp', '**/.DS_Store'] },
  { title: 'Docker files themselves (BuildKit reads them anyway)', stacks: 'all', patterns: ['.dockerignore', 'Dockerfile*', 'docker-compose*.yml', 'compose*.yaml'] },
  { title: 'Local secrets: pass them at run time', stacks: 'all', patterns: ['.env', '.env.*', '**/*.pem', '**/*.key'] },
  { title: 'Node', stacks: ['node'], patterns: ['**/node_modules', 'npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', '.npm', '.yarn/cache', 'coverage', '.next/cache'] },
  { title: 'Python', stacks: ['python'], patterns: ['**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.coverage', 'htmlcov', '**/*.egg-info', 'dist', 'build'] },
  { title: 'Go', stacks: ['go'], patterns: ['**/*.test', '*.out', 'coverage.*'] },
  { title: 'Maven', stacks: ['maven'], patterns: ['target', '.mvn/wrapper/maven-wrapper.jar'] },
  { title: 'Gradle', stacks: ['gradle'], patterns: ['.gradle', 'build', '**/build'] },
  { title: 'Rust', stacks: ['rust'], patterns: ['target'] },
  { title: 'Ruby', stacks: ['ruby'], patterns: ['.bundle', 'vendor/bundle', 'log/*', '!log/.keep', 'tmp/*', '!tmp/.keep', 'coverage'] },
  { title: 'PHP', stacks: ['php'], patterns: ['vendor', '.phpunit.result.cache'] },
  { title: '.NET', stacks: ['dotnet'], patterns: ['**/bin', '**/obj'] },
];

/** Context paths the Dockerfile copies by name (not `.`): a generated pattern must never exclude them. */
function copiedPaths(df: Dockerfile): string[] {
  const out: string[] = [];
  const all = df.instructions.flatMap((i) => (i.keyword === 'ONBUILD' ? [i.trigger] : [i]));
  for (const i of all) {
    if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
    const copy = i as CopyInstruction;
    if (copy.from !== undefined) continue;
    for (const s of copy.sources) {
      if (s.startsWith('<<') || /^[a-z]+:\/\//i.test(s) || s.startsWith('git@')) continue;
      const p = s.replace(/^\.\//, '').replace(/\/+$/, '');
      if (p === '' || p === '.' || p === '*') continue;
      out.push(p);
    }
  }
  return out;
}

/**
 * A .dockerignore for the stacks the Dockerfile builds: version control, editor files, local secrets and each stack's
 * dependencies, caches and build output. A pattern that would exclude a path the Dockerfile COPYs by name is left out.
 */
export function generateDockerignore(df: Dockerfile, buildContext: BuildContext | null): string {
  const stacks = detectStacks(df, buildContext);
  const copied = copiedPaths(df);
  const keeps = (pattern: string): boolean => {
    const m = createIgnore().add([pattern]);
    return !copied.some((p) => {
      // A glob source (`*.json`) cannot be probed: test its directory part and a literal spelling.
      const literal = p.replace(/[*?[\]]/g, 'x');
      return m.ignores(literal) || m.ignores(`${literal}/x`);
    });
  };
  const seen = new Set<string>();
  const lines = ['# Generated by whittle for: ' + (stacks.size ? [...stacks].sort().join(', ') : 'any stack'), '# Keeps the build context small and the image free of local state.'];
  const sections = [...SECTIONS];
  if (buildsJavaScript(df)) sections.push({ title: 'Build output (the image builds its own)', stacks: 'all', patterns: ['dist', 'build'] });
  // Whatever the stack, output directories the context holds (the ones missing-dockerignore checks).
  const present = UNWANTED.filter((u) => u.onlyIfPresent && buildContext?.exists(unwantedRoot(u))).map((u) => u.pattern);
  if (present.length > 0) sections.push({ title: 'Local build output and environments in the context', stacks: 'all', patterns: present });
  for (const section of sections) {
    if (section.stacks !== 'all' && !section.stacks.some((s) => stacks.has(s))) continue;
    const patterns = section.patterns.filter((p) => !seen.has(p) && (p.startsWith('!') || keeps(p)));
    if (patterns.length === 0) continue;
    for (const p of patterns) seen.add(p);
    lines.push('', `# ${section.title}`, ...patterns);
  }
  return `${lines.join('\n')}\n`;
}
