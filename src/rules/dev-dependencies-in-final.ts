/** Development dependencies (test runners, linters, compilers of the language) do not belong in the shipped image. */
import type { TextEdit } from '../core/edits.js';
import type { Suggestion } from '../core/finding.js';
import type { RunInstruction } from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell-model.js';
import type { Rule, RuleContext } from './types.js';
import type { PackageCommand } from './util/packages.js';
import { packageCommandsIn } from './util/packages.js';
import { finalImageInstructions, finalStage, runsAmong } from './util/seeds.js';
import { hasFlag, insertAfter, programArgs, programName } from './util/shell.js';

function envValue(context: RuleContext, run: RunInstruction, command: ShellCommand, name: string): string | undefined {
  const own = command.assignments.find((a) => a.name === name);
  if (own) return own.value;
  // `export NODE_ENV=production && npm ci` in the same RUN.
  for (const c of run.shell.commands) {
    if (c === command) break;
    if (programName(c) !== 'export') continue;
    for (const w of programArgs(c)) if (w.value.startsWith(`${name}=`)) return w.value.slice(name.length + 1);
  }
  const vars = context.variablesAt(run);
  for (const [k, v] of vars) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

/** Edits inserting an option right after the action words (`npm ci` → `npm ci --omit=dev`). */
function afterAction(pc: PackageCommand, option: string): TextEdit | undefined {
  const last = pc.actionWords[pc.actionWords.length - 1] ?? pc.programWord;
  return insertAfter(last, option);
}

interface Problem {
  message: string;
  suggestion?: Suggestion;
}

function npmProblem(context: RuleContext, pc: PackageCommand): Problem | undefined {
  if (!(pc.action === 'ci' || (pc.action === 'install' && pc.packages.length === 0))) return undefined;
  const opts = pc.options;
  if (hasFlag(opts, '--production', '--prod')) return undefined;
  const omit = opts.map((w) => w.value).find((v, i, all) => v.startsWith('--omit=') ? v.includes('dev') : v === '--omit' && all[i + 1] === 'dev');
  if (omit) return undefined;
  if (opts.some((w) => /^--only=prod/.test(w.value))) return undefined;
  const nodeEnv = envValue(context, pc.run, pc.command, 'NODE_ENV');
  if (nodeEnv === 'production') return undefined;
  const omitEnv = envValue(context, pc.run, pc.command, 'npm_config_omit');
  if (omitEnv?.includes('dev') || envValue(context, pc.run, pc.command, 'npm_config_production') === 'true') return undefined;
  // `npm ci && npm run build && npm prune --omit=dev` drops them before the layer is committed.
  if (prunedLater(pc, /^(prune)$/, ['--omit=dev', '--production'])) return undefined;
  const edit = afterAction(pc, '--omit=dev');
  return {
    message: `"${pc.command.text}" installs devDependencies into the final image. Add --omit=dev (or set NODE_ENV=production); build with them in a separate stage.`,
    ...(edit ? { suggestion: { description: 'Add --omit=dev', edits: [edit] } } : {}),
  };
}

function prunedLater(pc: PackageCommand, action: RegExp, flags: string[]): boolean {
  const commands = pc.run.shell.commands;
  const at = commands.indexOf(pc.command);
  return packageCommandsIn(pc.run).some((other) => other.manager === pc.manager && commands.indexOf(other.command) > at && action.test(other.action) && hasFlag(other.options, ...flags));
}

function yarnProblem(context: RuleContext, pc: PackageCommand): Problem | undefined {
  if (pc.action !== 'install' || pc.packages.length > 0) return undefined;
  if (hasFlag(pc.options, '--production', '--prod')) return undefined;
  if (envValue(context, pc.run, pc.command, 'NODE_ENV') === 'production') return undefined;
  return { message: `"${pc.command.text}" installs devDependencies into the final image. Use "yarn install --production" (Yarn 1) or "yarn workspaces focus --production" (Yarn 2+), or build in a separate stage.` };
}

function pnpmProblem(context: RuleContext, pc: PackageCommand): Problem | undefined {
  if (pc.action !== 'install' || pc.packages.length > 0) return undefined;
  if (hasFlag(pc.options, '--prod', '-P', '--production')) return undefined;
  if (envValue(context, pc.run, pc.command, 'NODE_ENV') === 'production') return undefined;
  const edit = afterAction(pc, '--prod');
  return {
    message: `"${pc.command.text}" installs devDependencies into the final image. Add --prod, or build in a separate stage.`,
    ...(edit ? { suggestion: { description: 'Add --prod', edits: [edit] } } : {}),
  };
}

/** A requirements file named for development: `requirements-dev.txt`, `dev-requirements.txt`, `requirements/test.txt`. */
const DEV_REQUIREMENTS = /(^|[_.-])(dev|devel|develop|development|test|tests|testing|lint|ci|docs)([_.-]|$)/i;

function pipProblem(pc: PackageCommand): Problem | undefined {
  if (pc.action !== 'install') return undefined;
  const words = pc.options.map((w) => w.value);
  const files: string[] = [];
  words.forEach((w, i) => {
    if ((w === '-r' || w === '--requirement') && words[i + 1]) files.push(words[i + 1]!);
    else if (w.startsWith('--requirement=')) files.push(w.slice('--requirement='.length));
  });
  const devFile = files.find((f) => DEV_REQUIREMENTS.test((f.split('/').pop() ?? f).replace(/\.(txt|in)$/, '')));
  if (devFile) return { message: `"${pc.command.text}" installs development requirements (${devFile}) into the final image. Install only the runtime requirements there.` };
  const extras = [...pc.packages.map((p) => p.value), ...words].find((v) => /\[[^\]]*\b(dev|test|tests|lint|docs)\b[^\]]*\]$/.test(v));
  if (extras) return { message: `"${pc.command.text}" installs development extras (${extras}) into the final image. Install the package without them.` };
  return undefined;
}

function bundleProblem(context: RuleContext, pc: PackageCommand, configured: boolean): Problem | undefined {
  if (pc.action !== 'install') return undefined;
  const without = pc.options.map((w) => w.value).some((v, i, all) => (v === '--without' && /development|dev/.test(all[i + 1] ?? '')) || /^--without=.*dev/.test(v));
  if (without || configured) return undefined;
  if (/development|dev/.test(envValue(context, pc.run, pc.command, 'BUNDLE_WITHOUT') ?? '')) return undefined;
  const at = pc.command.range.start.offset;
  return {
    message: `"${pc.command.text}" installs the development and test groups into the final image. Set BUNDLE_WITHOUT="development:test" (or "bundle config set --local without 'development test'") before it.`,
    suggestion: { description: 'Skip the development and test groups', edits: [{ start: at, end: at, replacement: "bundle config set --local without 'development test' && " }] },
  };
}

function composerProblem(context: RuleContext, pc: PackageCommand): Problem | undefined {
  if (pc.action !== 'install') return undefined;
  if (hasFlag(pc.options, '--no-dev')) return undefined;
  const env = envValue(context, pc.run, pc.command, 'COMPOSER_NO_DEV');
  if (env === '1' || env === 'true') return undefined;
  const edit = afterAction(pc, '--no-dev');
  return {
    message: `"${pc.command.text}" installs require-dev packages into the final image. Add --no-dev.`,
    ...(edit ? { suggestion: { description: 'Add --no-dev', edits: [edit] } } : {}),
  };
}

/** `bundle config set without development` (any spelling) earlier in the final image. */
function bundleConfigured(runs: readonly RunInstruction[], before: RunInstruction, command: ShellCommand): boolean {
  for (const run of runs) {
    for (const c of run.shell.commands) {
      if (run === before && c === command) return false;
      if (programName(c) !== 'bundle' && programName(c) !== 'bundler') continue;
      const args = programArgs(c).map((w) => w.value);
      if (args[0] === 'config' && args.includes('without') && args.some((a) => /dev/.test(a))) return true;
      if (args[0] === 'config' && args.some((a) => /^--?without/.test(a))) return true;
    }
    if (run === before) return false;
  }
  return false;
}

/** `poetry install` puts the dev group in unless told not to. */
function poetryProblem(command: ShellCommand): Problem | undefined {
  if (programName(command) !== 'poetry') return undefined;
  const args = programArgs(command);
  if (args[0]?.value !== 'install') return undefined;
  const values = args.map((w) => w.value);
  if (values.some((v, i) => v === '--no-dev' || /^--only[= ]?main/.test(v) || (v === '--only' && values[i + 1] === 'main') || (v === '--without' && /dev/.test(values[i + 1] ?? '')) || /^--without=.*dev/.test(v))) return undefined;
  const edit = insertAfter(args[0]!, '--only main');
  return { message: `"${command.text}" installs the dev dependency group into the final image. Add --only main.`, suggestion: { description: 'Add --only main', edits: [edit] } };
}

export const devDependenciesInFinal: Rule = {
  meta: {
    id: 'dev-dependencies-in-final',
    aliases: [],
    severity: 'warning',
    title: 'Install only runtime dependencies in the final image',
    practice:
      'Test runners, linters, debuggers and type checkers are not needed to run the application; in the final image they add size and attack surface. Install production dependencies only, and build with the rest in a separate stage (seeds/002: development-only packages such as a remote debugger "shouldn\'t really be present" in production).',
    source: 'seeds/002',
    fixable: false,
    keywords: ['RUN'],
    docs: `Reports, in the stages that ship in the final image:

- \`npm ci\` / \`npm install\` without \`--omit=dev\` (or \`--production\`), unless \`NODE_ENV=production\` is set by ENV, ARG or on the command, or \`npm prune --omit=dev\` follows in the same RUN; \`pnpm install\` without \`--prod\`; \`yarn install\` without \`--production\`;
- \`pip install -r requirements-dev.txt\` (any requirements file named for dev, test, lint, docs or CI) and dev extras (\`.[dev]\`); \`poetry install\` without \`--only main\` (or \`--without dev\`);
- \`bundle install\` without \`--without development\`, \`BUNDLE_WITHOUT\` or an earlier \`bundle config set without\`;
- \`composer install\` without \`--no-dev\`.

Builder stages are not reported: that is where dev dependencies belong. The suggestions add the exact option; they are not applied by \`whittle fix\` because a later step in the same stage (a TypeScript build, asset compilation) may need the dev dependencies — move that step to a builder stage first.

Bad:
\`\`\`Dockerfile
FROM node:20-slim
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "server.js"]
\`\`\`

Good:
\`\`\`Dockerfile
FROM node:20-slim
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    if (!finalStage(df)) return;
    const runs = runsAmong(finalImageInstructions(df));
    for (const run of runs) {
      const problems: { at: ShellCommand; problem: Problem }[] = [];
      for (const pc of packageCommandsIn(run)) {
        let problem: Problem | undefined;
        if (pc.manager === 'npm') problem = npmProblem(context, pc);
        else if (pc.manager === 'yarn') problem = yarnProblem(context, pc);
        else if (pc.manager === 'pnpm') problem = pnpmProblem(context, pc);
        else if (pc.manager === 'pip') problem = pipProblem(pc);
        else if (pc.manager === 'bundle') problem = bundleProblem(context, pc, bundleConfigured(runs, run, pc.command));
        else if (pc.manager === 'composer') problem = composerProblem(context, pc);
        if (problem) problems.push({ at: pc.command, problem });
      }
      for (const command of run.shell.commands) {
        const problem = poetryProblem(command);
        if (problem) problems.push({ at: command, problem });
      }
      for (const { at, problem } of problems) {
        context.report({ range: at.range, message: problem.message, suggestions: problem.suggestion ? [problem.suggestion] : [] });
      }
    }
  },
};
