/**
 * What the original Dockerfile says about the application: its final image's settings (ports, env, workdir,
 * labels, user, entrypoint, healthcheck), the system packages it installs, and each RUN sorted into package
 * installs, dependency installs, build steps and clean-up. What cannot be sorted is reported, never guessed.
 */
import type {
  ArgInstruction,
  CmdInstruction,
  CopyInstruction,
  Dockerfile,
  EnvInstruction,
  ExposeInstruction,
  HealthcheckInstruction,
  Instruction,
  KeyValue,
  RunInstruction,
  Stage,
} from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell-model.js';
import { expandWord, variablesAt } from '../dockerfile/variables.js';
import { literalWords } from '../rules/shell-form-entrypoint.js';
import { packageCommandOf, type PackageCommand } from '../rules/util/packages.js';
import { programArgs, programName } from '../rules/util/shell.js';
import { finalImageInstructions, finalStage } from '../rules/util/seeds.js';

export interface SystemPackage {
  /** As written, pin included (`libpq-dev=15.*`). */
  spec: string;
  manager: 'apt' | 'apk';
}

/** The program the image starts, as an argv, and how it was written. */
export interface StartCommand {
  entrypoint?: string[];
  cmd?: string[];
  /** A shell-form command with shell features: kept as `sh -c` (needs a shell in the runtime). */
  shellScript?: { keyword: 'ENTRYPOINT' | 'CMD'; script: string };
  /** Which instructions were in shell form and became exec form (for the explanation). */
  converted: ('ENTRYPOINT' | 'CMD')[];
}

export type RunKind = 'packages' | 'python-deps' | 'node-deps' | 'go' | 'java' | 'rust' | 'node-build' | 'cleanup' | 'user' | 'noop';

export interface ClassifiedRun {
  run: RunInstruction;
  kinds: Set<RunKind>;
  /** The commands of this RUN that are build or dependency steps. */
  commands: ShellCommand[];
  /** WORKDIR in effect when it runs (absolute). */
  workdir: string;
}

export interface OriginalFacts {
  df: Dockerfile;
  stage: Stage;
  /** Instructions of the final image, in order. */
  instructions: Instruction[];
  expose: string[];
  env: KeyValue[];
  labels: KeyValue[];
  args: ArgInstruction[];
  workdir?: string;
  user?: string;
  start: StartCommand;
  healthcheck?: HealthcheckInstruction;
  stopsignal?: string;
  volumes: string[];
  packages: SystemPackage[];
  /** COPY/ADD of the build context into the image (not --from), with the WORKDIR they ran in. */
  copies: { copy: CopyInstruction; workdir: string }[];
  runs: ClassifiedRun[];
  /** Reasons the original cannot be rewritten safely. */
  problems: string[];
  /** Things worth saying that do not stop the rewrite. */
  notes: string[];
}

/** Programs whose effect is confined to the RUN itself (listing, printing) or to the build's own folders. */
const HARMLESS = new Set(['echo', 'true', 'ls', 'pwd', 'printf', 'cd', 'set', 'export', ':', 'which', 'env', 'test', '[', 'cat', 'sleep']);
/** File-shuffling programs: fine next to a build step (they arrange its output), unclear alone. */
const BUILD_HELPERS = new Set(['mkdir', 'cp', 'mv', 'rm', 'find', 'chmod', 'ln', 'touch', 'jar', 'tar', 'sed']);
const USER_ADMIN = new Set(['useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'chown']);

function line(i: Instruction): number {
  return i.range.start.line;
}

function short(text: string): string {
  const one = text.replace(/\s*\\\r?\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}

/** What one shell command does, or undefined when it is not recognised. */
function commandKind(cmd: ShellCommand, pc: PackageCommand | undefined): RunKind | 'helper' | undefined {
  const name = programName(cmd);
  const args = programArgs(cmd).map((w) => w.value);
  if (pc) {
    if (pc.manager === 'apt-get' || pc.manager === 'apt' || pc.manager === 'apk' || pc.manager === 'aptitude') return 'packages';
    if (pc.manager === 'pip') {
      if (pc.packages.length === 1 && /^pip(==.*)?$/.test(pc.packages[0]!.value) && !args.includes('-r')) return 'noop';
      return 'python-deps';
    }
    if (pc.manager === 'npm' || pc.manager === 'yarn' || pc.manager === 'pnpm') {
      if (['install', 'ci', ''].includes(pc.action)) return 'node-deps';
      if (pc.action === 'cache clean' || pc.action === 'cache') return 'cleanup';
    }
    if (pc.manager === 'go') return 'go';
    if (pc.manager === 'cargo') return 'rust';
  }
  if (/^(npm|yarn|pnpm)$/.test(name) && (args[0] === 'run' || args[0] === 'build')) return 'node-build';
  if (name === 'go' && ['build', 'install', 'mod', 'get', 'vet', 'test', 'generate'].includes(args[0] ?? '')) return 'go';
  if (/^(mvn|mvnw|gradle|gradlew|javac)$/.test(name)) return 'java';
  if (name === 'cargo') return 'rust';
  if (name === 'dpkg-reconfigure' || name === 'update-ca-certificates' || name === 'apt-mark') return 'packages';
  if (name === 'rm' && args.some((a) => /^(\/var\/lib\/apt\/lists|\/var\/cache\/(apt|apk)|\/tmp|\/root\/\.cache|~\/\.cache)/.test(a))) return 'cleanup';
  if (USER_ADMIN.has(name)) return 'user';
  if (HARMLESS.has(name)) return 'noop';
  if (BUILD_HELPERS.has(name)) return 'helper';
  return undefined;
}

function expandIn(df: Dockerfile, ins: Instruction, word: string, buildArgs: Record<string, string>): string {
  return word.includes('$') ? expandWord(word, variablesAt(df, ins, buildArgs), df.escape).value : word;
}

/** The start command: exec forms as they are; a shell form becomes exec form only when it uses no shell feature. */
function startCommand(entry: CmdInstruction | undefined, cmd: CmdInstruction | undefined, problems: string[]): StartCommand {
  const out: StartCommand = { converted: [] };
  const argvOf = (i: CmdInstruction): string[] | undefined => {
    if (i.command.form === 'exec') return i.command.argv;
    const words = literalWords(i.command.script);
    if (words) {
      out.converted.push(i.keyword);
      return words;
    }
    out.shellScript = { keyword: i.keyword, script: i.command.script };
    return undefined;
  };
  if (entry) {
    const argv = argvOf(entry);
    if (argv) out.entrypoint = argv;
    // A shell-form ENTRYPOINT ignores CMD entirely.
    if (entry.command.form === 'shell') return out;
  }
  if (cmd) {
    if (out.shellScript && entry) {
      problems.push(`line ${line(cmd)}: CMD next to a shell-form ENTRYPOINT`);
      return out;
    }
    const argv = argvOf(cmd);
    if (argv) out.cmd = argv;
  }
  return out;
}

export function readFacts(df: Dockerfile, buildArgs: Record<string, string> = {}): OriginalFacts {
  const problems: string[] = [];
  const notes: string[] = [];
  const stage = finalStage(df);
  if (!stage) throw new Error('a parsed Dockerfile always has a stage');
  if (df.stages.length > 1) {
    problems.push(`the Dockerfile already has ${df.stages.length} stages: whittle optimize rewrites single-stage Dockerfiles`);
  }
  const instructions = finalImageInstructions(df);
  const facts: OriginalFacts = {
    df,
    stage,
    instructions,
    expose: [],
    env: [],
    labels: [],
    args: [],
    start: { converted: [] },
    volumes: [],
    packages: [],
    copies: [],
    runs: [],
    problems,
    notes,
  };
  let entry: CmdInstruction | undefined;
  let cmd: CmdInstruction | undefined;
  let workdir = '/';
  for (const i of df.instructions) {
    if (i.keyword === 'ONBUILD') problems.push(`line ${line(i)}: ONBUILD (${short(i.trigger.text)}) runs in images built from this one; whittle cannot carry it over safely`);
  }
  for (const i of instructions) {
    switch (i.keyword) {
      case 'EXPOSE':
        for (const p of (i as ExposeInstruction).ports) facts.expose.push(expandIn(df, i, p, buildArgs));
        break;
      case 'ENV':
        facts.env.push(...(i as EnvInstruction).pairs);
        break;
      case 'LABEL':
        facts.labels.push(...(i as EnvInstruction).pairs);
        break;
      case 'ARG':
        facts.args.push(i as ArgInstruction);
        break;
      case 'WORKDIR': {
        const path = expandIn(df, i, i.path, buildArgs);
        workdir = path.startsWith('/') ? path : `${workdir.replace(/\/$/, '')}/${path}`;
        facts.workdir = workdir;
        break;
      }
      case 'USER':
        facts.user = i.user;
        break;
      case 'ENTRYPOINT':
        entry = i as CmdInstruction;
        cmd = undefined;
        break;
      case 'CMD':
        cmd = i as CmdInstruction;
        break;
      case 'HEALTHCHECK':
        facts.healthcheck = i as HealthcheckInstruction;
        break;
      case 'STOPSIGNAL':
        facts.stopsignal = i.signal;
        break;
      case 'VOLUME':
        facts.volumes.push(...i.paths);
        break;
      case 'SHELL':
        problems.push(`line ${line(i)}: SHELL changes how every RUN and shell-form command is read; whittle optimize does not rewrite files that set it`);
        break;
      case 'COPY':
      case 'ADD': {
        const copy = i as CopyInstruction;
        if (copy.from !== undefined) {
          problems.push(`line ${line(i)}: ${copy.keyword} --from=${copy.from} copies from another image; whittle cannot tell what it brings`);
        } else if (copy.sources.some((s) => /^[a-z]+:\/\//i.test(s) || s.startsWith('git@') || s.startsWith('<<'))) {
          problems.push(`line ${line(i)}: ${copy.keyword} of a URL or heredoc (${short(copy.args)}) is not carried over`);
        } else if (copy.keyword === 'ADD' && copy.sources.some((s) => /\.(tar|tgz|tar\.\w+)$/.test(s))) {
          problems.push(`line ${line(i)}: ADD extracts ${copy.sources.join(' ')}; whittle does not know what the archive holds`);
        } else {
          facts.copies.push({ copy, workdir });
        }
        break;
      }
      case 'RUN':
        classifyRun(df, i as RunInstruction, workdir, facts);
        break;
      default:
        break;
    }
  }
  facts.start = startCommand(entry, cmd, problems);
  return facts;
}

function classifyRun(df: Dockerfile, run: RunInstruction, workdir: string, facts: OriginalFacts): void {
  const kinds = new Set<RunKind>();
  const commands: ShellCommand[] = [];
  const unknown: string[] = [];
  let helpers = 0;
  if (run.command.form === 'exec' && run.shell.commands.length === 0) {
    facts.problems.push(`line ${line(run)}: RUN in exec form (${short(run.args)}): whittle cannot tell whether the runtime needs its effect`);
    return;
  }
  if (run.shell.hasError) {
    facts.problems.push(`line ${line(run)}: RUN whose shell script does not parse (${short(run.args)})`);
    return;
  }
  for (const command of run.shell.commands) {
    const pc = packageCommandOf(run, command);
    const kind = commandKind(command, pc);
    if (kind === undefined) {
      unknown.push(programName(command) || command.text);
      continue;
    }
    if (kind === 'helper') {
      helpers++;
      commands.push(command);
      continue;
    }
    kinds.add(kind);
    if (kind === 'packages' && pc && (pc.action === 'install' || pc.action === 'add')) {
      const manager = pc.manager === 'apk' ? 'apk' : 'apt';
      for (const p of pc.packages) {
        if (!p.literal) {
          facts.problems.push(`line ${line(run)}: package "${p.raw}" is a variable; whittle cannot tell what it installs`);
          continue;
        }
        if (/\.(deb|apk)$/.test(p.value) || p.value.includes('/')) {
          facts.problems.push(`line ${line(run)}: installs a local package file (${p.value})`);
          continue;
        }
        facts.packages.push({ spec: p.value, manager });
      }
    } else if (kind !== 'noop' && kind !== 'cleanup' && kind !== 'packages' && kind !== 'user') {
      commands.push(command);
    }
  }
  if (unknown.length > 0) {
    facts.problems.push(`line ${line(run)}: RUN ${short(run.args)}: whittle cannot tell what ${[...new Set(unknown)].join(', ')} leave${unknown.length === 1 ? 's' : ''} in the image that the runtime may need`);
    return;
  }
  const builds = [...kinds].some((k) => k !== 'noop' && k !== 'cleanup' && k !== 'packages' && k !== 'user');
  if (helpers > 0 && !builds) {
    facts.problems.push(`line ${line(run)}: RUN ${short(run.args)}: changes files outside any build step; whittle cannot tell whether the runtime needs them`);
    return;
  }
  if (kinds.has('user')) facts.notes.push(`line ${line(run)}: the user the original creates is replaced by the runtime image's non-root user`);
  facts.runs.push({ run, kinds, commands, workdir });
  void df;
}
