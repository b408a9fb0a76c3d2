/** Copy the dependency manifests and install before copying the whole context, so code changes keep the install cached. */
import { posix } from 'node:path';
import type { TextEdit } from '../core/edits.js';
import type { Suggestion } from '../core/finding.js';
import type { CopyInstruction, Dockerfile, Instruction, RunInstruction } from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell-model.js';
import type { BuildContext, Rule, RuleContext } from './types.js';
import { packageCommandsIn } from './util/packages.js';
import { asDirectory, deleteInstructionLines, insertLinesBefore, isJvmDependencyFetch, isWholeContextSource, lineEndAfter, lineStartOf, onbuildTriggers, removeCommandEdits } from './util/seeds.js';
import { flagValue, programArgs, programName } from './util/shell.js';

/** A dependency install that only needs its manifests. */
interface Install {
  command: ShellCommand;
  run: RunInstruction;
  /** What it is, for messages: `npm ci`. */
  label: string;
  /** Manifests relative to the directory the install runs in: required first, then optional (lock files). */
  required: string[];
  optional: string[];
  /** Cargo builds need the sources: the suggestion adds `cargo fetch` ahead instead of moving the build. */
  prefetch?: string;
}

// checkSequence asks again for every whole-context copy: worked out once per RUN of a parsed Dockerfile, only read.
const installsCache = new WeakMap<RunInstruction, readonly Install[]>();

function installsIn(run: RunInstruction): readonly Install[] {
  let installs = installsCache.get(run);
  if (!installs) {
    installs = findInstalls(run);
    installsCache.set(run, installs);
  }
  return installs;
}

function findInstalls(run: RunInstruction): Install[] {
  const out: Install[] = [];
  for (const pc of packageCommandsIn(run)) {
    const base = { command: pc.command, run };
    const label = `${pc.manager}${pc.action ? ` ${pc.action}` : ''}`;
    switch (pc.manager) {
      case 'npm':
        if ((pc.action === 'ci' || pc.action === 'install') && pc.packages.length === 0) out.push({ ...base, label, required: ['package.json'], optional: ['package-lock.json', 'npm-shrinkwrap.json'] });
        break;
      case 'yarn':
        if (pc.action === 'install' && pc.packages.length === 0) out.push({ ...base, label: 'yarn install', required: ['package.json'], optional: ['yarn.lock', '.yarnrc.yml'] });
        break;
      case 'pnpm':
        if (pc.action === 'install' && pc.packages.length === 0) out.push({ ...base, label, required: ['package.json'], optional: ['pnpm-lock.yaml', 'pnpm-workspace.yaml'] });
        break;
      case 'pip': {
        if (pc.action !== 'install') break;
        const words = pc.options.map((w) => w.value);
        const files: string[] = [];
        words.forEach((w, i) => {
          if ((w === '-r' || w === '--requirement') && words[i + 1]) files.push(words[i + 1]!);
          else if (w.startsWith('--requirement=')) files.push(w.slice('--requirement='.length));
          else if (/^-r./.test(w)) files.push(w.slice(2));
        });
        const needsSource = pc.packages.some((p) => /^(\.|\.\.|\.\/|\/)/.test(p.value)) || words.some((w) => w === '-e' || w === '--editable' || w.startsWith('--editable='));
        if (files.length > 0 && !needsSource && files.every((f) => !f.includes('$'))) out.push({ ...base, label: `pip install -r ${files.join(' -r ')}`, required: files, optional: [] });
        break;
      }
      case 'go':
        if (pc.action === 'mod download') out.push({ ...base, label: 'go mod download', required: ['go.mod'], optional: ['go.sum'] });
        break;
      case 'bundle':
        if (pc.action === 'install') out.push({ ...base, label: 'bundle install', required: ['Gemfile'], optional: ['Gemfile.lock'] });
        break;
      case 'cargo':
        if (pc.action === 'fetch') out.push({ ...base, label: 'cargo fetch', required: ['Cargo.toml'], optional: ['Cargo.lock'] });
        else if (pc.action === 'build') out.push({ ...base, label: 'cargo build', required: ['Cargo.toml'], optional: ['Cargo.lock'], prefetch: 'cargo fetch' });
        break;
      case 'composer':
        if (pc.action === 'install') out.push({ ...base, label: 'composer install', required: ['composer.json'], optional: ['composer.lock'] });
        break;
      default:
        break;
    }
  }
  for (const command of run.shell.commands) {
    if (!isJvmDependencyFetch(command)) continue;
    const name = programName(command);
    const file = flagValue(programArgs(command), '-f', '--file');
    if (name === 'mvn' || name === 'mvnw') out.push({ command, run, label: command.text, required: [file ?? 'pom.xml'], optional: [] });
    else out.push({ command, run, label: command.text, required: [], optional: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties'] });
  }
  return out;
}

/** Instructions between the COPY and the install that would change what a moved install sees. */
function blocksMove(i: Instruction): boolean {
  return ['WORKDIR', 'ENV', 'ARG', 'USER', 'SHELL', 'RUN', 'FROM'].includes(i.keyword);
}

function absolute(dir: string, path: string): string {
  return posix.normalize(path.startsWith('/') ? path : posix.join(dir, path));
}

function workdirBefore(context: RuleContext, sequence: readonly Instruction[], index: number): string {
  let dir = '/';
  for (let i = 0; i < index; i++) {
    const ins = sequence[i]!;
    if (ins.keyword === 'WORKDIR') dir = absolute(dir, context.expand(ins.path, ins));
  }
  return dir;
}

/** The manifests to copy (context paths) and where to, or undefined when the context or paths do not tell. */
function manifestCopy(
  build: BuildContext,
  install: Install,
  copyDest: string,
  copyDir: string,
  runDir: string,
): { sources: string[]; dest: string } | undefined {
  const destAbs = absolute(copyDir, copyDest);
  const inContext = (abs: string): string | undefined => {
    const rel = posix.relative(destAbs, abs);
    return rel.startsWith('..') || posix.isAbsolute(rel) ? undefined : rel;
  };
  const sources: string[] = [];
  for (const f of install.required) {
    const path = inContext(absolute(runDir, f));
    if (path === undefined || !build.exists(path)) return undefined;
    sources.push(path);
  }
  // Lock files sit next to the manifest (or in the directory the install runs in).
  const dir = sources.length > 0 ? posix.dirname(sources[0]!) : inContext(runDir);
  if (dir === undefined) return undefined;
  for (const f of install.optional) {
    const path = posix.join(dir, f);
    if (build.exists(path)) sources.push(path);
  }
  if (sources.length === 0) return undefined;
  // One COPY puts every source in one directory: they must share theirs.
  if (new Set(sources.map((s) => posix.dirname(s))).size !== 1) return undefined;
  const dest = dir === '.' || dir === '' ? asDirectory(copyDest) : asDirectory(posix.join(copyDest, dir));
  return { sources, dest };
}

function runLinesText(df: Dockerfile, run: RunInstruction): string[] {
  const start = lineStartOf(df.text, run.range.start.offset);
  const end = lineEndAfter(df.text, Math.max(run.range.end.offset - 1, run.range.start.offset));
  return [df.text.slice(start, end).replace(/\r?\n$/, '').replace(/^[ \t]+/, '')];
}

function suggestionFor(
  context: RuleContext,
  sequence: readonly Instruction[],
  copyIndex: number,
  install: Install,
  manifests: { sources: string[]; dest: string },
): Suggestion | undefined {
  const df = context.dockerfile;
  const copy = sequence[copyIndex] as CopyInstruction;
  const runIndex = sequence.indexOf(install.run);
  // Ownership and mode go with the files: the install may run as the user --chown names.
  const keep = copy.flags.filter((f) => ['chown', 'chmod', 'link'].includes(f.name.toLowerCase())).map((f) => df.text.slice(f.range.start.offset, f.range.end.offset));
  const copyLine = ['COPY', ...keep, ...manifests.sources, manifests.dest].join(' ');
  const description = `Copy ${manifests.sources.join(', ')} and install before copying the whole context`;
  if (install.prefetch) {
    return { description, edits: [insertLinesBefore(df, copy, [copyLine, `RUN ${install.prefetch}`])] };
  }
  if (sequence.slice(copyIndex + 1, runIndex).some(blocksMove)) return undefined;
  const top = install.run.shell.commands.filter((c) => c.depth === 0);
  if (top.length === 1 && top[0] === install.command && install.run.command.form === 'shell') {
    const edits: TextEdit[] = [insertLinesBefore(df, copy, [copyLine, ...runLinesText(df, install.run)]), deleteInstructionLines(df, install.run)];
    return { description, edits };
  }
  const removal = removeCommandEdits(df, install.run, install.command);
  if (!removal) return undefined;
  const flags = install.run.flags.map((f) => df.text.slice(f.range.start.offset, f.range.end.offset));
  const runLine = ['RUN', ...flags, install.command.text].join(' ');
  return { description, edits: [insertLinesBefore(df, copy, [copyLine, runLine]), ...removal] };
}

function checkSequence(context: RuleContext, sequence: readonly Instruction[]): void {
  const seenManagers = new Set<string>();
  // An install after two whole copies is reported once, at the first.
  const reported = new Set<ShellCommand>();
  sequence.forEach((ins, index) => {
    if (ins.keyword === 'RUN') {
      for (const i of installsIn(ins)) seenManagers.add(i.label.split(' ')[0]!);
      // cargo-chef builds the dependencies from a recipe before the sources arrive.
      if (ins.shell.commands.some((c) => programName(c) === 'cargo' && programArgs(c)[0]?.value === 'chef')) seenManagers.add('cargo');
    }
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
    const copy = ins as CopyInstruction;
    if (copy.from !== undefined || !copy.sources.some((src) => isWholeContextSource(context.expand(src, copy)))) return;
    const copyDir = workdirBefore(context, sequence, index);
    for (let j = index + 1; j < sequence.length; j++) {
      const run = sequence[j]!;
      if (run.keyword !== 'RUN') continue;
      for (const install of installsIn(run)) {
        // Installed before the whole copy already: the two-phase pattern is in place.
        if (seenManagers.has(install.label.split(' ')[0]!) || reported.has(install.command)) continue;
        reported.add(install.command);
        const names = [...install.required, ...install.optional].join(', ');
        const runDir = workdirBefore(context, sequence, j);
        const build = context.buildContext;
        const manifests = build ? manifestCopy(build, install, context.expand(copy.destination, copy), copyDir, runDir) : undefined;
        const suggestion = manifests ? suggestionFor(context, sequence, index, install, manifests) : undefined;
        context.report({
          range: copy.range,
          message: `${copy.keyword} of the whole build context comes before "${install.label}" (line ${run.range.start.line}), so any source change re-runs the dependency install. Copy only its manifests (${names}) and install first, then copy the rest.`,
          suggestions: suggestion ? [suggestion] : [],
        });
      }
    }
  });
}

export const cacheBustingCopy: Rule = {
  meta: {
    id: 'cache-busting-copy',
    aliases: [],
    severity: 'info',
    title: 'Install dependencies before copying the whole build context',
    practice:
      'A COPY of the whole context changes with every source edit and invalidates the cache of every later instruction; a dependency install placed after it re-downloads everything on each build. Copy the manifests, install, then copy the code (seeds/000, method 4: dependencies before the COPY of the code).',
    source: 'seeds/000',
    fixable: false,
    keywords: ['COPY', 'ADD'],
    docs: `Reports \`COPY . .\` (or \`ADD . /app\`, \`COPY ./ ./\`) followed in the same stage by a dependency install that only needs its manifests: \`npm ci\`/\`npm install\`, \`yarn install\`, \`pnpm install\`, \`pip install -r requirements.txt\`, \`go mod download\`, \`bundle install\`, \`cargo fetch\`/\`cargo build\`, \`composer install\`, \`mvn dependency:go-offline\`. An install that needs the sources (\`pip install .\`, \`pip install -e .\`) is not reported, nor one whose manifests were already copied and installed before the whole copy. ONBUILD triggers are checked among themselves.

When the build context is known, the suggestion is exact: a COPY of the manifests that exist (\`package.json package-lock.json\`; \`requirements.txt\`; \`go.mod go.sum\`; \`pom.xml\`; \`Gemfile Gemfile.lock\`; \`Cargo.toml Cargo.lock\`; \`composer.json composer.lock\`) and the install, inserted before the whole copy, and the install taken out of its RUN. For \`cargo build\`, which needs the sources, it inserts \`cargo fetch\` instead. It is a suggestion, not a fix: install scripts that read the sources (\`postinstall\`, workspaces) need more than the manifests.

Bad:
\`\`\`Dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
CMD ["node", "server.js"]
\`\`\`

Good:
\`\`\`Dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    for (const stage of df.stages) {
      checkSequence(context, stage.instructions.filter((i) => i.keyword !== 'ONBUILD'));
      checkSequence(context, onbuildTriggers(stage));
    }
  },
};
