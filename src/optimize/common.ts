/**
 * What every template shares: system packages split between builder and runtime, the runtime stage's settings
 * carried over from the original (ports, env, labels, user, healthcheck, start command), and the text helpers.
 */
import { posix } from 'node:path';
import { execForm, lastCommandStart } from '../rules/shell-form-entrypoint.js';
import { isAptPinned } from '../rules/apt-get-pin-versions.js';
import type { ContextFiles, StackFacts } from './detect.js';
import type { OriginalFacts } from './facts.js';
import { classifyPackage, isRuntimeTool, packageName } from './packages.js';
import type { BaseImage, Change, EngineKind, StackName } from './types.js';
import { NONROOT_UID } from './catalogue.js';

export interface TemplateInput {
  facts: OriginalFacts;
  stack: StackFacts;
  builder: BaseImage;
  runtime: BaseImage;
  engine: EngineKind;
  ctx: ContextFiles;
}

export interface TemplateOutput {
  dockerfile: string;
  changes: Change[];
  problems: string[];
}

/** A RUN line continued over several lines, one command per line. */
export function runLines(commands: readonly string[], mounts: readonly string[] = []): string {
  const head = `RUN ${mounts.map((m) => `${m} `).join('')}`;
  return head + commands.join(' \\\n    && ');
}

/** An install of system packages with the image's package manager, lists and caches removed in the same layer. */
export function installCommands(base: BaseImage, packages: readonly string[]): string[] {
  if (packages.length === 0) return [];
  if (base.packageManager === 'apk') return [`apk add --no-cache ${packages.join(' ')}`];
  if (base.packageManager === 'apt') {
    return ['apt-get update', `apt-get install -y --no-install-recommends ${packages.join(' ')}`, 'rm -rf /var/lib/apt/lists/*'];
  }
  return [];
}

/**
 * The install RUN, with the pin pragma when some packages carry no version: whittle does not know the versions the
 * user wants, so it says so in the file instead of silencing the rule for the whole file.
 */
export function installRun(base: BaseImage, packages: readonly string[]): string[] {
  const cmds = installCommands(base, packages);
  if (cmds.length === 0) return [];
  const unpinned = packages.filter((p) => (base.packageManager === 'apk' ? !/[=<>~]/.test(p) : !isAptPinned(p)));
  const rule = base.packageManager === 'apk' ? 'apk-pin-versions' : 'apt-get-pin-versions';
  const out: string[] = [];
  if (unpinned.length > 0) {
    out.push('# Versions are not pinned (whittle does not know which ones you want): pin them as pkg=version for repeatable builds.');
    out.push(`# whittle ignore=${rule}`);
  }
  out.push(runLines(cmds));
  return out;
}

/** The stack's program in a base: the catalogue's `interpreter`, or the path Debian's package puts it at when `install:` adds it. */
export function interpreterOf(base: BaseImage, stack: 'python' | 'node' | 'java'): string | undefined {
  if (base.interpreter) return base.interpreter;
  const installs = (re: RegExp): boolean => base.install.some((p) => re.test(packageName(p)));
  if (stack === 'python' && installs(/^python3(\.\d+)?(-venv|-minimal)?$/)) return '/usr/bin/python3';
  if (stack === 'node' && installs(/^nodejs$/)) return '/usr/bin/node';
  if (stack === 'java' && installs(/^(default-(jre|jdk)(-headless)?|openjdk-\d+-(jre|jdk)(-headless)?)$/)) return '/usr/bin/java';
  return undefined;
}

/** Runtime packages: the catalogue's `install:` for the runtime, then the ones the application needs. */
export function runtimeInstall(runtime: BaseImage, split: { runtime: string[] }): string[] {
  return [...new Set([...runtime.install, ...split.runtime])];
}

export interface PackageSplit {
  /** To install in the builder (build tools and headers). */
  builder: string[];
  /** To install in the runtime (libraries the headers belong to, tools the application calls). */
  runtime: string[];
  /** Runtime libraries the application links, whether installed or provided by the runtime. */
  runtimeLibraries: string[];
  /** Runtime packages that cannot be installed (no package manager) and are not provided. */
  missing: string[];
  /** -dev packages whose runtime library is unknown. */
  unknownDev: string[];
  /** Toolchain packages replaced by the builder image. */
  toolchain: string[];
}

/** Sorts the original's system packages; the manager of the original decides the table (apt or apk names). */
export function splitPackages(facts: OriginalFacts, stack: StackName, builder: BaseImage, runtime: BaseImage): PackageSplit {
  const out: PackageSplit = { builder: [], runtime: [], runtimeLibraries: [], missing: [], unknownDev: [], toolchain: [] };
  const add = (list: string[], p: string): void => {
    if (!list.includes(p)) list.push(p);
  };
  const sameFamily = (base: BaseImage, manager: 'apt' | 'apk'): boolean => base.packageManager === manager;
  for (const { spec, manager } of facts.packages) {
    const name = packageName(spec);
    const role = classifyPackage(spec, stack, manager);
    if (role.role === 'toolchain') {
      add(out.toolchain, name);
      continue;
    }
    if (role.role === 'build' || role.role === 'unknown-dev') {
      if (role.role === 'unknown-dev') add(out.unknownDev, name);
      if (sameFamily(builder, manager) && !builder.provides.includes(name)) add(out.builder, spec);
      if (role.role === 'build' && role.runtimeLibrary) {
        add(out.runtimeLibraries, role.runtimeLibrary);
        if (runtime.provides.includes(role.runtimeLibrary)) continue;
        if (sameFamily(runtime, manager)) add(out.runtime, role.runtimeLibrary);
        else if (runtime.packageManager !== 'none' && runtime.packageManager !== manager) add(out.missing, role.runtimeLibrary);
      }
      continue;
    }
    // A runtime package (a library or a tool the application calls).
    if (runtime.provides.includes(name)) continue;
    if (name === 'ca-certificates' && runtime.certificates) continue;
    if (name === 'tzdata' && runtime.packageManager === 'none' && runtime.image.includes('distroless')) continue;
    if (sameFamily(runtime, manager)) add(out.runtime, spec);
    else add(out.missing, name);
  }
  return out;
}

/** Changes that explain the package split. */
export function packageChanges(split: PackageSplit, runtime: BaseImage): Change[] {
  const changes: Change[] = [];
  if (split.toolchain.length > 0) {
    changes.push({
      effect: 'size',
      title: `The toolchain (${split.toolchain.join(', ')}) stays in the builder stage`,
      detail: 'Compilers and package managers for the language do not ship in the final image: only the built artefacts are copied across.',
    });
  }
  const buildOnly = split.builder.filter((p) => !split.unknownDev.includes(packageName(p)));
  if (buildOnly.length > 0) {
    changes.push({
      effect: 'size',
      title: `Build-only packages (${buildOnly.map(packageName).join(', ')}) are installed in the builder only`,
      detail: 'Compilers, headers and fetch tools are needed to build, not to run; leaving them out removes their files and their vulnerabilities from the image.',
    });
  }
  if (split.runtime.length > 0) {
    changes.push({
      effect: 'behaviour',
      title: `Runtime packages kept: ${split.runtime.map(packageName).join(', ')}`,
      detail: `Installed in the runtime image with ${runtime.packageManager === 'apk' ? 'apk add --no-cache' : 'apt-get install --no-install-recommends'} (lists removed in the same layer): the libraries the build linked against and the tools the application calls.`,
    });
  }
  const provided = split.runtimeLibraries.filter((l) => runtime.provides.includes(l));
  if (provided.length > 0) {
    changes.push({ effect: 'behaviour', title: `Runtime libraries provided by ${runtime.image}: ${provided.join(', ')}`, detail: 'The catalogue says the runtime base has them, so nothing is installed or copied for them.' });
  }
  if (split.unknownDev.length > 0) {
    changes.push({
      effect: 'behaviour',
      title: `Kept in the builder; add the runtime library yourself: ${split.unknownDev.join(', ')}`,
      detail: 'whittle does not know which runtime library these -dev packages belong to. If the application links it, install it in the runtime stage (or list it under provides: in the catalogue).',
    });
  }
  const tools = split.missing.filter(isRuntimeTool);
  const others = split.missing.filter((m) => !isRuntimeTool(m));
  if (tools.length > 0) {
    changes.push({
      effect: 'behaviour',
      title: `Left out (the runtime ${runtime.image} has no package manager): ${tools.join(', ')}`,
      detail: 'These are command-line tools. If the application runs them, choose a runtime base with a package manager in bases:, or one that provides them (provides: in the catalogue).',
    });
  }
  if (others.length > 0) {
    changes.push({
      effect: 'behaviour',
      title: `Left out: ${others.join(', ')}`,
      detail: `The runtime ${runtime.image} cannot install packages; check the application does not need these at run time, or list them under provides: for a base that has them.`,
    });
  }
  return changes;
}

/** `ENV` values as written (quotes kept), minus build-time ones. */
export function envLines(facts: OriginalFacts, drop: (key: string) => boolean): string[] {
  const pairs = facts.env.filter((p) => !drop(p.key));
  if (pairs.length === 0) return [];
  return [`ENV ${pairs.map((p) => `${p.key}=${p.legacy ? quoteIfNeeded(p.value) : p.rawValue}`).join(' \\\n    ')}`];
}

function quoteIfNeeded(value: string): string {
  return /^[A-Za-z0-9_./:,@%+-]*$/.test(value) ? value : JSON.stringify(value);
}

/** LABELs as written. */
export function labelLines(facts: OriginalFacts): string[] {
  if (facts.labels.length === 0) return [];
  return [`LABEL ${facts.labels.map((p) => `${p.key}=${p.legacy ? quoteIfNeeded(p.value) : p.rawValue}`).join(' \\\n      ')}`];
}

/** ARGs the carried-over values refer to. */
export function argLines(facts: OriginalFacts): string[] {
  const uses = [...facts.env, ...facts.labels].some((p) => p.rawValue.includes('$')) || facts.expose.some((p) => p.includes('$'));
  return uses ? facts.args.map((a) => a.text) : [];
}

export function exposeLines(facts: OriginalFacts): string[] {
  return facts.expose.length > 0 ? [`EXPOSE ${facts.expose.join(' ')}`] : [];
}

/** The user to run as: the runtime's own non-root user, else 65532. */
export function runtimeUser(runtime: BaseImage): string {
  const user = runtime.user ?? NONROOT_UID;
  return /^\d+$/.test(user) ? `${user}:${user}` : user;
}

export function userChange(facts: OriginalFacts, user: string): Change {
  const before = facts.user ?? 'root';
  return {
    effect: 'security',
    title: `Runs as ${user} instead of ${before}`,
    detail: 'A non-root user limits what a compromised process can change in the container (and what it can reach on the node if it escapes).',
  };
}

/**
 * The program to start, rewritten for the runtime image: `resolve` maps the original argv (program and arguments)
 * to the runtime's, or returns a reason it cannot. Returns the ENTRYPOINT/CMD lines or problems.
 */
export function startLines(
  facts: OriginalFacts,
  runtime: BaseImage,
  resolve: (argv: string[]) => string[] | { problem: string },
): { lines: string[]; changes: Change[]; problems: string[] } {
  const start = facts.start;
  const changes: Change[] = [];
  if (start.shellScript) {
    const { keyword, script } = start.shellScript;
    if (!runtime.shell) {
      return { lines: [], changes, problems: [`${keyword} uses shell features (${script.trim()}) and the runtime ${runtime.image} has no shell`] };
    }
    const at = lastCommandStart(script);
    const withExec = at !== undefined && !/^exec(\s|$)/.test(script.slice(at)) ? `${script.slice(0, at)}exec ${script.slice(at)}` : script;
    changes.push({
      effect: 'behaviour',
      title: `${keyword} keeps its shell (sh -c) and execs the last command`,
      detail: 'The command uses shell features, so it still runs under /bin/sh; `exec` makes the application PID 1 so it receives SIGTERM.',
    });
    return { lines: [`ENTRYPOINT ${execForm(['/bin/sh', '-c', withExec.trim()])}`], changes, problems: [] };
  }
  const entry = start.entrypoint;
  const cmd = start.cmd;
  const argv = [...(entry ?? []), ...(cmd ?? [])];
  if (argv.length === 0) return { lines: [], changes, problems: ['the original sets no ENTRYPOINT or CMD: whittle cannot tell which program the image runs'] };
  if (entry && entry.length > 0) {
    const mapped = resolve(entry);
    if ('problem' in mapped) return { lines: [], changes, problems: [mapped.problem] };
    const lines = [`ENTRYPOINT ${execForm(mapped)}`];
    if (cmd && cmd.length > 0) lines.push(`CMD ${execForm(cmd)}`);
    if (start.converted.length > 0) changes.push(execChange(start.converted));
    return { lines, changes, problems: [] };
  }
  const mapped = resolve(argv);
  if ('problem' in mapped) return { lines: [], changes, problems: [mapped.problem] };
  changes.push({
    effect: 'behaviour',
    title: `Starts with ENTRYPOINT ${execForm(mapped)}`,
    detail: `${start.converted.length > 0 ? 'The shell-form command has no shell features, so the exec form runs the same program; ' : ''}the program is PID 1 and receives SIGTERM. Arguments given to \`docker run\` are passed to it.`,
  });
  return { lines: [`ENTRYPOINT ${execForm(mapped)}`], changes, problems: [] };
}

function execChange(converted: readonly string[]): Change {
  return {
    effect: 'behaviour',
    title: `${converted.join(' and ')} in exec form`,
    detail: 'The shell form had no shell features, so the exec form runs the same program, as PID 1, receiving SIGTERM.',
  };
}

/** HEALTHCHECK when the runtime can run it: a shell for CMD-SHELL, the program for the exec form. */
export function healthcheckLines(facts: OriginalFacts, runtime: BaseImage, available: (program: string) => boolean): { lines: string[]; changes: Change[] } {
  const hc = facts.healthcheck;
  if (!hc) return { lines: [], changes: [] };
  if (hc.command === null) return { lines: ['HEALTHCHECK NONE'], changes: [] };
  const form = hc.command;
  const runnable = form.form === 'shell' ? runtime.shell && available(form.script.trim().split(/\s+/)[0] ?? '') : available(form.argv[0] === 'CMD-SHELL' ? '' : form.argv[0] ?? '');
  if (form.form === 'exec' && form.argv[0] === 'CMD-SHELL' && !runtime.shell) {
    return { lines: [], changes: [healthDropped(runtime)] };
  }
  if (!runnable) return { lines: [], changes: [healthDropped(runtime)] };
  return { lines: [hc.text], changes: [] };
}

function healthDropped(runtime: BaseImage): Change {
  return {
    effect: 'behaviour',
    title: 'HEALTHCHECK left out',
    detail: `The runtime ${runtime.image} cannot run it (no shell, or the program it calls is not there). Use a Kubernetes probe (httpGet or tcpSocket needs nothing in the image) or a health mode of the application itself.`,
  };
}

/** The explanation for the two stages themselves. */
export function stagesChange(builder: BaseImage, runtime: BaseImage, original: string): Change {
  return {
    effect: 'size',
    title: `Multi-stage build: builder ${builder.image}${builder.install.length ? ` (+ ${builder.install.join(', ')})` : ''}, runtime ${runtime.image}`,
    detail: `The original image (${original}) shipped its build environment. The runtime stage starts from ${runtime.image}${runtime.shell ? '' : ' (no shell)'}${runtime.packageManager === 'none' ? ', with no package manager' : ''}, and receives only what the application needs to run.`,
  };
}

export function cacheMountsWanted(engine: EngineKind): boolean {
  return engine === 'buildkit';
}

/** `# syntax=` is needed for RUN --mount on older BuildKit frontends. */
export function syntaxLine(engine: EngineKind): string[] {
  return cacheMountsWanted(engine) ? ['# syntax=docker/dockerfile:1'] : [];
}

export function header(stack: StackName): string[] {
  return [`# Generated by whittle optimize (${stack}): a builder stage with the toolchain, a minimal runtime stage with the artefacts.`];
}

/** A `VOLUME` line for the original's volumes. */
export function volumeLines(facts: OriginalFacts): string[] {
  return facts.volumes.length > 0 ? [`VOLUME ${execForm(facts.volumes)}`] : [];
}

export function stopsignalLines(facts: OriginalFacts): string[] {
  return facts.stopsignal ? [`STOPSIGNAL ${facts.stopsignal}`] : [];
}

/** Joins stages and blank lines into the file text. */
export function joinFile(blocks: readonly (readonly string[])[]): string {
  return `${blocks.filter((b) => b.length > 0).map((b) => b.join('\n')).join('\n\n')}\n`;
}

/**
 * The original's COPY/ADD of the build context, with absolute destinations (the runtime stage sets WORKDIR later).
 * Ownership flags are dropped: the files stay root's and read-only to the non-root user, which is what a runtime
 * image wants (a process that writes to its own code is a risk); the explanation says so.
 */
export function sourceCopyLines(facts: OriginalFacts): { lines: string[]; changes: Change[] } {
  const lines: string[] = [];
  let dropped = false;
  for (const { copy, workdir } of facts.copies) {
    const dest = copy.destination.startsWith('/') ? copy.destination : `${posix.join(workdir, copy.destination)}${copy.destination.endsWith('/') || copy.destination === '.' ? '/' : ''}`;
    if (copy.chown !== undefined || copy.chmod !== undefined) dropped = true;
    const sources = copy.sources.map((s) => (/[\s"]/.test(s) ? JSON.stringify(s) : s));
    const destText = /[\s"]/.test(dest) ? JSON.stringify(dest) : dest;
    lines.push(`COPY ${sources.join(' ')} ${destText}`);
  }
  const changes: Change[] = dropped
    ? [{ effect: 'security', title: 'Application files are owned by root', detail: 'The --chown/--chmod of the original COPY are dropped: the non-root user can read the code but not change it. If the application writes into its own folder, give it a volume or a writable path instead.' }]
    : [];
  return { lines, changes };
}
