/**
 * Package-manager commands found in RUN instructions, split into action, packages and options, so the rules about
 * pinning, caches and prompts agree on what `apt-get -o X=1 -t bookworm install -y curl=8.*` installs.
 */
import type { Dockerfile, RunInstruction } from '../../dockerfile/model.js';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell-model.js';
import type { RuleContext } from '../types.js';
import { basename, judgeableValues, runInstructions, unwrapCommand, wordValues } from './shell.js';

export type PackageManager =
  | 'apt-get'
  | 'apt'
  | 'aptitude'
  | 'apk'
  | 'pip'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'gem'
  | 'bundle'
  | 'yum'
  | 'dnf'
  | 'microdnf'
  | 'zypper'
  | 'go'
  | 'cargo'
  | 'composer';

export interface PackageCommand {
  manager: PackageManager;
  /**
   * The sub-command, normalised: install, add, update, upgrade, clean, remove, del, ci, dist-upgrade ...
   * (`npm i` is `install`, `zypper in` is `install`). Two-level commands are joined with a space:
   * `module install`, `group install`, `cache clean`, `global add`, `mod download`. Empty when none is given;
   * `yarn` and `bundle` alone mean `install`.
   */
  action: string;
  /** The words that spell the action (empty for an implicit one). */
  actionWords: ShellWord[];
  /** The word naming the manager (`pip` in `python3 -m pip`, `apt-get` in `sudo apt-get`). */
  programWord: ShellWord;
  command: ShellCommand;
  run: RunInstruction;
  /** Positional arguments after the action: the packages (options and their values excluded). */
  packages: ShellWord[];
  /** Option words and the values of options that take one, in order. */
  options: ShellWord[];
}

/** Options that take their value as the next word, per manager (`--opt=value` needs no listing). */
const VALUE_OPTIONS: Record<PackageManager, readonly string[]> = {
  'apt-get': ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture', '-P', '--build-profiles', '--solver'],
  apt: ['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture', '-P', '--build-profiles', '--solver'],
  aptitude: ['-o', '-t', '--target-release', '--default-release', '-F', '--display-format', '-w', '--width', '-O', '--sort'],
  apk: ['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age', '--timeout', '--progress-fd', '--wait'],
  pip: [
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
    '-t', '--target', '--prefix', '--root', '--src', '--upgrade-strategy', '--platform', '--python-version', '--implementation',
    '--abi', '--only-binary', '--no-binary', '--progress-bar', '--trusted-host', '--cache-dir', '--log', '--proxy', '--retries',
    '--timeout', '--exists-action', '--cert', '--client-cert', '-C', '--config-settings', '--global-option', '--install-option',
    '--report', '--python', '--root-user-action', '--use-feature', '--use-deprecated', '-b', '--build',
  ],
  npm: ['--prefix', '--registry', '--cache', '--tag', '-w', '--workspace', '--omit', '--include', '--loglevel', '--userconfig', '--globalconfig', '--location', '--install-strategy'],
  yarn: ['--cwd', '--modules-folder', '--cache-folder', '--registry', '--network-timeout', '--mutex', '--link-folder', '--global-folder'],
  pnpm: ['-C', '--dir', '-F', '--filter', '--store-dir', '--reporter', '--registry', '--virtual-store-dir', '--modules-dir', '--network-concurrency'],
  gem: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy', '--platform', '--build-root', '-p', '--http-proxy', '--document'],
  bundle: ['--gemfile', '--path', '--jobs', '-j', '--retry', '--without', '--with', '--binstubs', '--deployment-path'],
  yum: ['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-d', '--debuglevel', '-e', '--errorlevel', '--releasever', '--setopt', '-x', '--exclude', '--repo', '--repoid', '--forcearch', '--downloaddir', '--destdir', '--rpmverbosity'],
  dnf: ['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-d', '--debuglevel', '-e', '--errorlevel', '--releasever', '--setopt', '-x', '--exclude', '--repo', '--repoid', '--forcearch', '--downloaddir', '--destdir', '--rpmverbosity', '--nodocs-dir'],
  microdnf: ['--config', '--installroot', '--enablerepo', '--disablerepo', '--releasever', '--setopt', '--exclude', '--repo', '--repoid'],
  zypper: ['-R', '--root', '-c', '--config', '--reposd-dir', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '-t', '--type', '-r', '--repo', '--from', '-D', '--releasever'],
  go: ['-o', '-tags', '-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-mod', '-modfile', '-C', '-p', '-pkgdir', '-toolexec', '-overlay', '-pgo', '-buildmode', '-compiler', '-installsuffix', '-exec', '-covermode', '-coverpkg'],
  cargo: ['--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry', '-j', '--jobs', '--target', '--target-dir', '-F', '--features', '--profile', '--bin', '--example', '--config', '-Z'],
  composer: ['-d', '--working-dir'],
};

/** Sub-command spellings that mean the same action. */
const ACTION_ALIASES: Partial<Record<PackageManager, Record<string, string>>> = {
  npm: {
    i: 'install', in: 'install', ins: 'install', inst: 'install', insta: 'install', instal: 'install', isnt: 'install',
    isnta: 'install', isntal: 'install', isntall: 'install', add: 'install',
    'clean-install': 'ci', ic: 'ci', 'install-clean': 'ci', 'isntall-clean': 'ci',
    un: 'uninstall', remove: 'uninstall', rm: 'uninstall', r: 'uninstall', unlink: 'uninstall',
    up: 'update', upgrade: 'update', udpate: 'update',
    it: 'install-test',
  },
  pnpm: { i: 'install', rm: 'remove', un: 'remove', uninstall: 'remove', up: 'update', upgrade: 'update' },
  gem: { i: 'install' },
  zypper: {
    in: 'install', rm: 'remove', up: 'update', dup: 'dist-upgrade', ref: 'refresh', cc: 'clean', si: 'source-install',
    se: 'search', lu: 'list-updates', pchk: 'patch-check',
  },
  dnf: { in: 'install', rm: 'remove', up: 'upgrade', groupinstall: 'group install', localinstall: 'install' },
  microdnf: { in: 'install', rm: 'remove', up: 'upgrade' },
  yum: { localinstall: 'install', groupinstall: 'group install' },
};

/** First-level words that take a second one to form the action (`dnf module install`, `yarn cache clean`). */
const TWO_LEVEL: Partial<Record<PackageManager, readonly string[]>> = {
  yum: ['module', 'group', 'groups'],
  dnf: ['module', 'group', 'groups'],
  microdnf: ['module'],
  yarn: ['cache', 'global', 'workspace'],
  npm: ['cache'],
  pnpm: ['store'],
  pip: ['cache'],
  go: ['mod'],
  composer: ['global'],
  apk: ['cache'],
};

const SIMPLE_MANAGERS: Record<string, PackageManager> = {
  'apt-get': 'apt-get',
  apt: 'apt',
  aptitude: 'aptitude',
  apk: 'apk',
  npm: 'npm',
  yarn: 'yarn',
  yarnpkg: 'yarn',
  pnpm: 'pnpm',
  gem: 'gem',
  bundle: 'bundle',
  bundler: 'bundle',
  yum: 'yum',
  dnf: 'dnf',
  dnf5: 'dnf',
  microdnf: 'microdnf',
  zypper: 'zypper',
  go: 'go',
  cargo: 'cargo',
  composer: 'composer',
  'composer.phar': 'composer',
};

const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;

/** The manager a command runs and where its own arguments start, or undefined for other programs. */
function identify(cmd: ShellCommand): { manager: PackageManager; programWord: ShellWord; args: ShellWord[] } | undefined {
  const { name, programWord, args } = unwrapCommand(cmd);
  if (!programWord) return undefined;
  const simple = SIMPLE_MANAGERS[name];
  if (simple) return { manager: simple, programWord, args };
  if (PIP.test(name)) return { manager: 'pip', programWord, args };
  if (PYTHON.test(name)) {
    // `python3 -m pip install x` (interpreter options such as -u or -I may come before -m).
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      if (v === '-m' && args[i + 1] && PIP.test(args[i + 1]!.value)) {
        return { manager: 'pip', programWord: args[i + 1]!, args: args.slice(i + 2) };
      }
      if (/^-m/.test(v) || !v.startsWith('-')) return undefined;
    }
  }
  return undefined;
}

/** Splits a manager's arguments into action, packages and options. */
function parseArgs(manager: PackageManager, args: readonly ShellWord[]) {
  const valueOptions = VALUE_OPTIONS[manager];
  const options: ShellWord[] = [];
  const positionals: ShellWord[] = [];
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (rest || !v.startsWith('-') || v === '-') {
      positionals.push(word);
      continue;
    }
    if (v === '--') {
      rest = true;
      options.push(word);
      continue;
    }
    options.push(word);
    if (valueOptions.includes(v) && i + 1 < args.length) options.push(args[++i]!);
  }
  const actionWords: ShellWord[] = [];
  let action = '';
  const first = positionals[0];
  if (first) {
    actionWords.push(positionals.shift()!);
    action = ACTION_ALIASES[manager]?.[first.value] ?? first.value;
    if (TWO_LEVEL[manager]?.includes(first.value) && positionals[0]) {
      const second = positionals.shift()!;
      actionWords.push(second);
      action = `${first.value} ${ACTION_ALIASES[manager]?.[second.value] ?? second.value}`;
    }
  } else if (manager === 'yarn' || manager === 'bundle') {
    action = 'install';
  }
  return { action, actionWords, packages: positionals, options };
}

/** The package-manager command a shell command is, if it is one. */
export function packageCommandOf(run: RunInstruction, command: ShellCommand): PackageCommand | undefined {
  const found = identify(command);
  if (!found) return undefined;
  const parsed = parseArgs(found.manager, found.args);
  return { manager: found.manager, programWord: found.programWord, command, run, ...parsed };
}

const commandsCache = new WeakMap<RunInstruction, readonly PackageCommand[]>();

/** Package-manager commands of one RUN, in script order (computed once per RUN: many rules ask). */
export function packageCommandsIn(run: RunInstruction): readonly PackageCommand[] {
  const cached = commandsCache.get(run);
  if (cached) return cached;
  const out: PackageCommand[] = [];
  for (const command of run.shell.commands) {
    const pc = packageCommandOf(run, command);
    if (pc) out.push(pc);
  }
  commandsCache.set(run, out);
  return out;
}

const allCommandsCache = new WeakMap<Dockerfile, readonly PackageCommand[]>();

/** Package-manager commands of every RUN (ONBUILD triggers included), in file order (once per Dockerfile, a copy each call). */
export function packageCommands(df: Dockerfile): PackageCommand[] {
  let all = allCommandsCache.get(df);
  if (!all) {
    all = runInstructions(df).flatMap(packageCommandsIn);
    allCommandsCache.set(df, all);
  }
  return all.slice();
}

/** True when the command is one of the managers doing one of the actions. */
export function isAction(pc: PackageCommand, managers: PackageManager | readonly PackageManager[], ...actions: string[]): boolean {
  // Called for every package command by some twenty rules: no array made for a single manager.
  const manager = typeof managers === 'string' ? managers === pc.manager : managers.includes(pc.manager);
  return manager && actions.includes(pc.action);
}

/** The basename of a package argument that is a local file (`./x.deb`, `/tmp/x.rpm`), for rules that skip files. */
export function packageFileName(pkg: ShellWord): string {
  return basename(pkg.value);
}

/**
 * The package arguments (after ARG/ENV expansion) that `isPinned` rejects. Arguments that are only unknown
 * variables are not judged: their value is not in the Dockerfile.
 */
export function unpinnedPackages(context: RuleContext, pc: PackageCommand, isPinned: (pkg: string) => boolean): string[] {
  const out: string[] = [];
  for (const word of pc.packages) {
    for (const value of judgeableValues(context, word, pc.run)) if (!isPinned(value)) out.push(value);
  }
  return out;
}

/** `a`, `a` and `b`, `a`, `b` and 2 more: package lists in messages stay short. */
export function listForMessage(items: readonly string[], max = 3): string {
  const quoted = items.map((i) => `\`${i}\``);
  if (quoted.length <= max) return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, max).join(', ')} and ${quoted.length - max} more`;
}

/**
 * An rpm package argument that carries a version: `name-1.2.3`, `name-1.2-3.el9`, `name-0:1.2` (the part after the
 * first hyphen that starts a version), or an `.rpm` file. `python3-devel` is a name, not a version (hadolint DL3041).
 */
export function isRpmVersioned(pkg: string): boolean {
  if (pkg.endsWith('.rpm')) return true;
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  // Any hyphen may start the version: the name itself may hold hyphens (`python3-pip-21.3`).
  for (let i = 1; i < parts.length; i++) {
    const rest = parts.slice(i);
    if (rest.every((p) => /^[A-Za-z0-9.~^_:+]+$/.test(p)) && /^[0-9]/.test(rest[0]!)) return true;
  }
  return false;
}

/** `yes | <command>`: the prompt is answered by the pipe. */
export function fedByYes(pc: PackageCommand): boolean {
  const commands = pc.run.shell.commands;
  const index = commands.indexOf(pc.command);
  const previous = index > 0 ? commands[index - 1] : undefined;
  return pc.command.connectorBefore === '|' && previous !== undefined && unwrapCommand(previous).name === 'yes';
}

/**
 * For "clean the cache after installing" rules: the first install of a RUN when no cleanup command follows the last
 * install in that RUN; undefined when the RUN installs nothing or cleans up after itself.
 */
export function installWithoutCleanup(
  run: RunInstruction,
  isInstall: (pc: PackageCommand) => boolean,
  isCleanup: (command: ShellCommand) => boolean,
): PackageCommand | undefined {
  const installs = packageCommandsIn(run).filter(isInstall);
  if (installs.length === 0) return undefined;
  const lastStart = Math.max(...installs.map((pc) => pc.command.range.start.offset));
  const cleaned = run.shell.commands.some((c) => c.range.start.offset > lastStart && isCleanup(c));
  return cleaned ? undefined : installs[0];
}

/**
 * The command's options as values, with ARG/ENV expansion: the option words as written plus what variables expand
 * to when that starts with `-` (`ARG YES=-y` then `dnf install $YES x`). Variables the Dockerfile does not define
 * count as no option, as hadolint reads them.
 */
export function optionValues(context: RuleContext, pc: PackageCommand): string[] {
  const out = pc.options.map((o) => o.value);
  for (const word of [...pc.actionWords, ...pc.packages]) {
    if (word.literal) continue;
    for (const value of wordValues(context, word, pc.run) ?? []) if (value.startsWith('-')) out.push(value);
  }
  return out;
}
