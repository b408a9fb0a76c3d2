/**
 * Node: production dependencies installed in a deps stage from the manifests and lock file (and the local
 * packages they point at), then copied into a runtime with node and no package manager, next to the sources.
 */
import { posix } from 'node:path';
import { literalWords } from '../../rules/shell-form-entrypoint.js';
import type { Change } from '../types.js';
import { cacheMountsWanted, healthcheckLines, interpreterOf, runLines, sourceCopyLines, splitPackages, startLines, type TemplateInput, type TemplateOutput } from '../common.js';
import { builderPackages, builderStageStart, finishTemplate } from './stage-parts.js';

function installCommand(manager: 'npm' | 'yarn' | 'pnpm', lock: boolean, cache: boolean): string {
  if (manager === 'yarn') return 'yarn install --frozen-lockfile --production && yarn cache clean';
  if (manager === 'pnpm') return 'pnpm install --prod --frozen-lockfile';
  const flags = cache ? '--omit=dev' : '--omit=dev --no-audit --no-fund';
  return lock ? `npm ci ${flags}` : `npm install ${flags}`;
}

export function nodeTemplate(input: TemplateInput): TemplateOutput {
  const { facts, builder, runtime, engine } = input;
  const node = input.stack.node!;
  const problems: string[] = [];
  const changes: Change[] = [];
  for (const r of facts.runs) {
    if (r.kinds.has('node-build')) {
      problems.push(`line ${r.run.range.start.line}: a build step (${r.commands.map((c) => c.text).join(' && ')}): whittle cannot tell which files it produces for the runtime`);
    }
  }
  const runtimeNode = interpreterOf(runtime, 'node');
  if (!runtimeNode) problems.push(`the runtime ${runtime.image} has no known node: set interpreter: in bases.node.runtime`);
  if (!builder.shell) problems.push(`the builder ${builder.image} has no shell: RUN cannot work there`);
  const split = splitPackages(facts, 'node', builder, runtime);
  const install = builderPackages(builder, split.builder);

  const workdir = facts.workdir ?? '/app';
  const mounts = cacheMountsWanted(engine);
  const deps = builderStageStart(builder, install, 'deps');
  deps.push(`WORKDIR ${workdir}`);
  const manifests = ['package.json', ...(node.lockFile ? [node.lockFile] : []), ...node.configFiles];
  deps.push(`COPY ${manifests.join(' ')} ./`);
  for (const p of node.localPaths) deps.push(`COPY ${p} ./${p}/`);
  deps.push(runLines([installCommand(node.manager, node.lockFile !== undefined, mounts)], mounts ? ['--mount=type=cache,target=/root/.npm'] : []));

  const start = startLines(facts, runtime, (argv) => {
    let words = argv;
    const program = posix.basename(words[0]!);
    if (/^(npm|yarn|pnpm)$/.test(program) && (words[1] === 'start' || (words[1] === 'run' && words[2]))) {
      const script = node.packageJson.scripts?.[words[1] === 'start' ? 'start' : words[2]!];
      const scriptWords = script ? literalWords(script) : undefined;
      if (!scriptWords) return { problem: `the image starts "${words.join(' ')}" and the package.json script is missing or uses shell features: the runtime has no npm` };
      words = [...scriptWords, ...words.slice(words[1] === 'start' ? 2 : 3)];
      changes.push({ effect: 'behaviour', title: `"${argv.join(' ')}" replaced by the script it runs`, detail: 'npm is not in the runtime and would stay PID 1 in front of node, swallowing SIGTERM; node now runs the application directly.' });
    } else if (/^(npm|yarn|pnpm|npx)$/.test(program)) {
      return { problem: `the image starts "${words.join(' ')}": the runtime has no ${program}` };
    }
    if (/^(node|nodejs)$/.test(posix.basename(words[0]!))) return [runtimeNode ?? '/usr/bin/node', ...words.slice(1)];
    return { problem: `the image starts "${words[0]}", which is not node: whittle cannot tell where it comes from in the runtime` };
  });
  const sources = sourceCopyLines(facts);
  const health = healthcheckLines(facts, runtime, (p) => /node/.test(p) || (runtime.shell && runtime.packageManager !== 'none'));

  changes.push({
    effect: 'size',
    title: 'Production dependencies only, installed in a deps stage',
    detail: `${installCommand(node.manager, node.lockFile !== undefined, mounts)}: devDependencies, the npm cache and npm itself stay out of the runtime image.`,
  });
  changes.push({
    effect: 'cache',
    title: `${manifests.join(', ')}${node.localPaths.length ? ` and ${node.localPaths.join(', ')}` : ''} copied before the sources`,
    detail: 'A source change reuses the dependency layer: the install only runs again when the manifests or the lock file change.',
  });
  if (!node.lockFile) changes.push({ effect: 'behaviour', title: 'No lock file: npm install instead of npm ci', detail: 'Commit package-lock.json so builds install the same versions every time (and use npm ci).' });
  changes.push(...sources.changes);
  const modules = posix.join(workdir, 'node_modules');
  const files = [`WORKDIR ${workdir}`, `COPY --from=deps ${modules} ${modules}`, ...sources.lines];
  return finishTemplate(input, deps, { stack: 'node', split, files, toolchainEnv: (k) => k === 'NPM_CONFIG_LOGLEVEL', start, health }, changes, problems);
}
