/**
 * Python: a virtualenv at /opt/venv built in the builder (requirement files and local packages copied first, then
 * installed with --no-cache-dir), copied whole into the runtime, which gets the runtime libraries the C extensions
 * link: installed with its package manager, or, when it has none, the venv's shared-library closure copied from
 * the builder (ldd, minus what the runtime already has).
 */
import { posix } from 'node:path';
import type { ShellCommand } from '../../dockerfile/shell-model.js';
import type { Change } from '../types.js';
import { cacheMountsWanted, healthcheckLines, interpreterOf, runLines, sourceCopyLines, splitPackages, startLines, type TemplateInput, type TemplateOutput } from '../common.js';
import { packageName } from '../packages.js';
import { builderPackages, builderStageStart, finishTemplate } from './stage-parts.js';

const VENV = '/opt/venv';
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** pip options that only make sense outside a venv, or that whittle sets itself. */
const DROPPED = new Set(['--user', '--break-system-packages', '--no-cache-dir', '--root-user-action', '-q', '--quiet', '-v', '--verbose', '--no-warn-script-location', '--disable-pip-version-check']);
const DROPPED_WITH_VALUE = new Set(['--prefix', '--target', '-t', '--root', '--cache-dir', '--root-user-action', '--log']);
const WITH_VALUE = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '--only-binary', '--no-binary', '--platform', '--python-version', '-e', '--editable', '--config-settings', '-C', '--progress-bar']);


interface PipStep {
  args: string[];
  /** Installs the project itself (`.`, `-e .`): needs all the sources first. */
  project: boolean;
}

/** The original's pip installs, rewritten for the venv: options kept or dropped, requirement paths mapped to the context. */
function pipSteps(input: TemplateInput, notes: Change[]): PipStep[] {
  const steps: PipStep[] = [];
  const { ctx } = input;
  const mapFile = (file: string): string => {
    const candidates = [file, file.replace(/^\/+/, ''), file.split('/').pop()!];
    return (candidates.find((c) => ctx.exists(c) && !ctx.isDir(c)) ?? file).replace(/^\.\//, '');
  };
  let droppedPrefix = false;
  for (const r of input.facts.runs) {
    if (!r.kinds.has('python-deps')) continue;
    for (const c of r.commands as ShellCommand[]) {
      const words = c.words.map((w) => w.value);
      const at = words.findIndex((w) => w === 'install');
      if (at < 0 || !words.slice(0, at).some((w) => /^pip[\d.]*$/.test(posix.basename(w)) || w === '-m')) continue;
      const args: string[] = [];
      let project = false;
      const rest = words.slice(at + 1);
      for (let i = 0; i < rest.length; i++) {
        const w = rest[i]!;
        const eq = w.startsWith('--') ? w.indexOf('=') : -1;
        const name = eq > 0 ? w.slice(0, eq) : w;
        if (DROPPED.has(name) && eq < 0) continue;
        if (DROPPED_WITH_VALUE.has(name)) {
          if (name === '--prefix' || name === '--target' || name === '-t') droppedPrefix = true;
          if (eq < 0) i++;
          continue;
        }
        if (WITH_VALUE.has(name)) {
          const value = eq > 0 ? w.slice(eq + 1) : rest[++i];
          if (value === undefined) continue;
          if (name === '-r' || name === '--requirement' || name === '-c' || name === '--constraint') args.push(name, mapFile(value));
          else if (name === '-e' || name === '--editable') {
            if (value === '.' || value === './') project = true;
            args.push(value);
          } else args.push(name, value);
          continue;
        }
        if (w === '.' || w === './' || w === input.facts.workdir) {
          project = true;
          args.push('.');
          continue;
        }
        args.push(w);
      }
      if (args.length > 0) steps.push({ args, project });
    }
  }
  if (droppedPrefix) notes.push({ effect: 'behaviour', title: 'pip --prefix/--target replaced by the virtualenv', detail: `Everything pip installs lives in ${VENV}, which is copied whole.` });
  if (steps.length === 0) {
    const files = input.stack.python!.requirementFiles;
    if (files.length > 0) steps.push({ args: ['-r', files[0]!], project: false });
    else if (input.stack.python!.pyproject || input.stack.python!.setupPy) steps.push({ args: ['.'], project: true });
  }
  return steps;
}

/** A builder step listing the venv's shared libraries (ldd) and copying those the runtime does not have into /runtime-libs. */
function closureRun(provided: readonly string[]): string {
  const script = [
    'mkdir -p /runtime-libs',
    'touch /tmp/ldd.txt',
    `find ${VENV} -type f -name '*.so*' > /tmp/venv-so.txt`,
    'while read -r so; do ldd "$so" >> /tmp/ldd.txt 2>/dev/null || true; done < /tmp/venv-so.txt',
    // The packages the runtime has: the ones the catalogue names and everything they depend on.
    `want="${provided.join(' ')}"`,
    'seen=" "',
    'while [ -n "$want" ]; do next=""; for p in $want; do case "$seen" in *" $p "*) continue;; esac; seen="$seen$p "; ' +
      "dpkg-query -W -f='${Depends}, ${Pre-Depends}\\n' \"$p\" > /tmp/deps.txt 2>/dev/null || true; " +
      "for d in $(sed -e 's/([^)]*)//g' -e 's/[,|]/ /g' /tmp/deps.txt); do next=\"$next ${d%%:*}\"; done; done; want=\"$next\"; done",
    'while read -r name arrow lib rest; do ' +
      '[ "$arrow" = "=>" ] && [ -f "$lib" ] || continue; ' +
      `case "$lib" in ${VENV}/*) continue;; esac; ` +
      'real=$(readlink -f "$lib"); ' +
      'owner=$(dpkg -S "$real" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || echo unknown:); ' +
      'owner=${owner%%:*}; ' +
      'case "$seen" in *" $owner "*) continue;; esac; ' +
      'dir=$(dirname "$real"); mkdir -p "/runtime-libs$dir"; cp -L "$lib" "/runtime-libs$dir/$name"; ' +
      'done < /tmp/ldd.txt',
  ];
  return `RUN ${script.join('; \\\n    ')}`;
}

export function pythonTemplate(input: TemplateInput): TemplateOutput {
  const { facts, builder, runtime, engine } = input;
  const py = input.stack.python!;
  const problems: string[] = [];
  const changes: Change[] = [];
  const builderPython = interpreterOf(builder, 'python');
  const runtimePython = interpreterOf(runtime, 'python');
  if (!builderPython) problems.push(`the builder ${builder.image} has no known Python interpreter: set interpreter: (or install: [python3, python3-venv]) in bases.python.builder`);
  if (!runtimePython) problems.push(`the runtime ${runtime.image} has no known Python interpreter: set interpreter: in bases.python.runtime`);
  if (builderPython && runtimePython && builderPython !== runtimePython) {
    problems.push(`the virtualenv is built with ${builderPython} in ${builder.image} but ${runtime.image} has ${runtimePython}: a venv only runs on the interpreter it was made with (choose matching bases)`);
  }
  if (builder.pythonVersion && runtime.pythonVersion && builder.pythonVersion !== runtime.pythonVersion) {
    problems.push(`the builder has Python ${builder.pythonVersion} and the runtime Python ${runtime.pythonVersion}: C extensions and the venv need the same version`);
  }
  if (!builder.shell) problems.push(`the builder ${builder.image} has no shell: RUN cannot work there`);
  const steps = pipSteps(input, changes);
  if (steps.length === 0) problems.push('no pip install in the Dockerfile and no requirements.txt, pyproject.toml or setup.py in the context');
  const noBuildIsolation = steps.some((s) => s.args.includes('--no-build-isolation'));
  const debianPython = builderPython === '/usr/bin/python3';

  const split = splitPackages(facts, 'python', builder, runtime);
  // Debian's python3-dev headers only help Debian's interpreter; an official python image has its own.
  split.builder = split.builder.filter((p) => debianPython || !/^python3(\.\d+)?-dev$/.test(packageName(p)));
  // A builder with no package manager installs nothing (installRun), whatever the list holds.
  const install = builderPackages(builder, [...split.builder, ...(noBuildIsolation && debianPython ? ['python3-wheel-whl'] : [])]);

  const workdir = facts.workdir ?? '/app';
  const mounts = cacheMountsWanted(engine);
  const pip = `${VENV}/bin/pip install ${mounts ? '' : '--no-cache-dir '}`;
  const pipMounts = mounts ? ['--mount=type=cache,target=/root/.cache/pip'] : [];
  const builderStage = builderStageStart(builder, install);
  builderStage.push(`RUN ${builderPython ?? 'python3'} -m venv ${VENV}`);
  builderStage.push(`ENV VIRTUAL_ENV=${VENV} PATH=${VENV}/bin:${DEFAULT_PATH}`);
  if (noBuildIsolation && debianPython) {
    // --no-build-isolation builds with what the venv has; Debian's venv has setuptools but not wheel.
    builderStage.push(runLines([`${pip}/usr/share/python-wheels/wheel-*.whl`], pipMounts));
  }
  builderStage.push(`WORKDIR ${workdir}`);
  const early = [...py.requirementFiles, ...py.localPaths];
  for (const path of early) builderStage.push(`COPY ${path} ./${path}${py.localPaths.includes(path) ? '/' : ''}`);
  const depSteps = steps.filter((s) => !s.project);
  const projectSteps = steps.filter((s) => s.project);
  for (const s of depSteps) builderStage.push(runLines([`${pip}${s.args.join(' ')}`], pipMounts));
  if (projectSteps.length > 0) {
    builderStage.push('COPY . .');
    for (const s of projectSteps) builderStage.push(runLines([`${pip}${s.args.join(' ')}`], pipMounts));
  }
  const closure = runtime.packageManager === 'none' && builder.packageManager === 'apt';
  const provided = [...new Set(['libc6', ...runtime.provides, ...(runtimePython === '/usr/bin/python3' ? ['python3'] : [])])];
  if (closure) builderStage.push(closureRun(provided));
  if (runtime.packageManager === 'none' && builder.packageManager !== 'apt' && split.runtimeLibraries.some((l) => !runtime.provides.includes(l))) {
    problems.push(`the runtime ${runtime.image} has no package manager and the builder ${builder.image} is not Debian-based, so whittle cannot copy the shared libraries the C extensions need (${split.runtimeLibraries.join(', ')})`);
  }

  const requirementNames = new Set<string>();
  for (const f of py.requirementFiles) {
    for (const m of (input.ctx.read(f) ?? '').matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/gm)) requirementNames.add(m[1]!.toLowerCase());
  }
  for (const s of steps) for (const a of s.args) if (/^[A-Za-z0-9][A-Za-z0-9._-]*/.test(a)) requirementNames.add(/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(a)![0].toLowerCase());
  const start = startLines(facts, runtime, (argv) => {
    const program = posix.basename(argv[0]!);
    if (/^python(\d+(\.\d+)?)?$/.test(program)) return [`${VENV}/bin/python3`, ...argv.slice(1)];
    if (requirementNames.has(program.toLowerCase()) || argv[0] === `${VENV}/bin/${program}`) return [`${VENV}/bin/${program}`, ...argv.slice(1)];
    if (argv[0]!.startsWith('./') || (argv[0]!.startsWith('/') && facts.copies.length > 0)) return argv;
    return { problem: `the image starts "${argv[0]}", which is neither Python nor a script installed by the requirements: whittle cannot tell where it comes from in the runtime` };
  });
  const sources = sourceCopyLines(facts);
  const health = healthcheckLines(facts, runtime, (p) => /python/.test(p) || (runtime.shell && runtime.packageManager !== 'none'));

  changes.push({
    effect: 'size',
    title: `Dependencies installed into a virtualenv (${VENV}) in the builder and copied whole`,
    detail: `pip runs ${mounts ? 'with a BuildKit cache mount' : 'with --no-cache-dir'}, so no download cache ships; compilers and headers used to build C extensions stay behind.`,
  });
  changes.push({
    effect: 'cache',
    title: `${early.length > 0 ? early.join(', ') : 'The manifests'} copied and installed before the sources`,
    detail: `A source change reuses the dependency layer: pip only runs again when ${early.length > 0 ? early.join(' or ') : 'the requirements'} change.`,
  });
  if (noBuildIsolation) {
    changes.push({
      effect: 'behaviour',
      title: '--no-build-isolation kept',
      detail: debianPython
        ? "Local packages build against what the venv holds (Debian's venv has setuptools; wheel is added from python3-wheel-whl), as in the original."
        : `Local packages build against what the venv holds, as in the original. A venv made by ${builderPython ?? 'this Python'} may lack setuptools and wheel (Python 3.12 no longer bundles setuptools): list your build requirements, pinned, in the requirements file before the local packages.`,
    });
  }
  if (closure) {
    changes.push({
      effect: 'size',
      title: `Shared libraries of the venv's C extensions copied from the builder (${runtime.image} has no package manager)`,
      detail: `A builder step runs ldd on every .so in the venv and copies the libraries whose Debian package the runtime does not have (${provided.join(', ')} and their dependencies are skipped) into /runtime-libs, which the runtime copies to /.`,
    });
  }
  changes.push(...sources.changes);
  const files = [`COPY --from=builder ${VENV} ${VENV}`, ...(closure ? ['COPY --from=builder /runtime-libs/ /'] : []), `WORKDIR ${workdir}`, ...sources.lines];
  const env = [`ENV VIRTUAL_ENV=${VENV} PATH=${VENV}/bin:${DEFAULT_PATH}`];
  const toolchainEnv = (k: string): boolean => k === 'PIP_NO_CACHE_DIR' || k === 'VIRTUAL_ENV';
  return finishTemplate(input, builderStage, { stack: 'python', split, files, env, toolchainEnv, start, health }, changes, problems);
}
