/**
 * Helpers shared by the rules that enforce the seed documents' practices: which stages ship, what the final image is
 * built on, image references and their minimal variants, build-only packages, and small text edits.
 * Command recognition lives in ./shell.ts and ./packages.ts; only what those lack is here.
 */
import type { TextEdit } from '../../core/edits.js';
import type { Dockerfile, FromInstruction, Instruction, RunInstruction, Stage } from '../../dockerfile/model.js';
import type { ShellCommand } from '../../dockerfile/shell-model.js';
import type { PackageCommand } from './packages.js';
import { packageCommandsIn } from './packages.js';
import { programArgs, programName } from './shell.js';
import { hasUnresolvedVariable, isDockerHub, isScratch, parseImageRef } from './images.js';
import { stageChain } from './stage-scope.js';

export { stageChain };

// ---------------------------------------------------------------------------------------------------------------
// Stages

/** The stage the default build produces (the last one). */
export function finalStage(df: Dockerfile): Stage | undefined {
  return df.stages.find((s) => s.isFinal) ?? df.stages[df.stages.length - 1];
}

/** The stage whose FROM names an external image that the stage's image is built on (the chain's root). */
export function rootStage(df: Dockerfile, stage: Stage): Stage {
  return stageChain(df, stage)[0]!;
}

/**
 * The instructions that run when a stage is built, in order: the ONBUILD triggers of the stage it is FROM-ed on
 * (BuildKit runs a parent stage's triggers first), then its own instructions; ONBUILD wrappers themselves run later,
 * in images built from this one, and are left out.
 */
export function executedInstructions(df: Dockerfile, stage: Stage): Instruction[] {
  const out: Instruction[] = [];
  if (stage.baseStage !== undefined) {
    for (const i of df.stages[stage.baseStage]?.instructions ?? []) if (i.keyword === 'ONBUILD') out.push(i.trigger);
  }
  for (const i of stage.instructions) if (i.keyword !== 'ONBUILD') out.push(i);
  return out;
}

/** Every instruction whose result is in the final image: the executed instructions of each stage of the final chain. */
export function finalImageInstructions(df: Dockerfile): Instruction[] {
  let list = finalInstructionsCache.get(df);
  if (!list) {
    const final = finalStage(df);
    list = final ? stageChain(df, final).flatMap((s) => executedInstructions(df, s)) : [];
    finalInstructionsCache.set(df, list);
  }
  return list.slice();
}

// Worked out once per parsed Dockerfile (rules never change it); callers get a copy they may edit.
const finalInstructionsCache = new WeakMap<Dockerfile, readonly Instruction[]>();

/** The ONBUILD triggers of a stage, in order (a sequence of their own: they run together in a child build). */
export function onbuildTriggers(stage: Stage): Instruction[] {
  return stage.instructions.flatMap((i) => (i.keyword === 'ONBUILD' ? [i.trigger] : []));
}

/** RUN instructions among a list. */
export function runsAmong(instructions: readonly Instruction[]): RunInstruction[] {
  return instructions.filter((i): i is RunInstruction => i.keyword === 'RUN');
}

// ---------------------------------------------------------------------------------------------------------------
// Image references

/** An image reference seen the way the base-image catalogue looks at it (built on ./images.ts' parser). */
export interface ImageView {
  /** Registry host when the reference names one other than Docker Hub (`gcr.io`), else undefined. */
  registry?: string;
  /** Repository path, Docker Hub's `library/` removed, lower case: `python`, `bitnami/node`, `distroless/static-debian12`. */
  path: string;
  /** Last path component: `python`, `node`, `static-debian12`. */
  name: string;
  /** Tag, undefined when none is written (Docker then uses `latest`). */
  tag?: string;
  digest?: string;
}

/** The catalogue's view of an image reference; undefined for `scratch`-less invalid text. `scratch` has path `scratch`. */
export function viewImage(text: string): ImageView | undefined {
  if (isScratch(text)) return { path: 'scratch', name: 'scratch' };
  const ref = parseImageRef(text);
  if (!ref) return undefined;
  const hub = isDockerHub(ref.registry);
  const path = (hub && ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository).toLowerCase();
  // Keys set only when present, in this order (a conditional spread of a fresh literal is ten times slower).
  const name = path.slice(path.lastIndexOf('/') + 1);
  const view: ImageView = hub ? { path, name } : { registry: ref.registry.toLowerCase(), path, name };
  if (ref.tag !== undefined) view.tag = ref.tag;
  if (ref.digest !== undefined) view.digest = ref.digest;
  return view;
}

/** An image (not a stage name) that a stage's image is finally built on, as expanded, with its FROM. */
export function baseImageOf(df: Dockerfile, stage: Stage): { ref: ImageView; image: string; stage: Stage } | undefined {
  let found = baseImageCache.get(stage);
  if (found === undefined) {
    const root = rootStage(df, stage);
    const image = root.from.imageExpanded.trim();
    const ref = hasUnresolvedVariable(image) ? undefined : viewImage(image);
    found = ref ? { ref, image, stage: root } : null;
    baseImageCache.set(stage, found);
  }
  // A copy per caller: the answer is worked out once per stage of a parsed Dockerfile, which rules never change.
  return found ? { ...found, ref: { ...found.ref } } : undefined;
}

const baseImageCache = new WeakMap<Stage, { ref: ImageView; image: string; stage: Stage } | null>();

const MINIMAL_TAG = /(^|[-_.])(slim|alpine|minimal|micro|distroless|chiseled|nonroot|static|scratch|busybox|musl)(\d[\d.]*)?([-_.]|$)/i;

/** Images that are already small or have no package manager: nothing smaller to suggest. */
export function isMinimalImage(ref: ImageView): boolean {
  if (ref.path === 'scratch') return true;
  if (ref.tag && MINIMAL_TAG.test(ref.tag)) return true;
  if (['alpine', 'busybox', 'wolfi-base', 'static', 'ubi-minimal', 'ubi-micro'].includes(ref.name)) return true;
  if (ref.registry === 'gcr.io' && ref.path.startsWith('distroless/')) return true;
  if (ref.registry === 'cgr.dev') return true;
  if (/-(minimal|micro|slim)$/.test(ref.name)) return true;
  return false;
}

/** The base family that decides how users are created (adduser flags differ). */
export type BaseFamily = 'alpine' | 'debian' | 'rhel' | 'distroless' | 'scratch' | 'busybox' | 'unknown';

export function baseFamily(ref: ImageView): BaseFamily {
  if (ref.path === 'scratch') return 'scratch';
  if (ref.registry === 'gcr.io' && ref.path.startsWith('distroless/')) return 'distroless';
  if (ref.registry === 'cgr.dev') return 'distroless';
  if (ref.name === 'alpine' || /alpine/i.test(ref.tag ?? '')) return 'alpine';
  if (ref.name === 'busybox') return 'busybox';
  if (/^(centos|fedora|rockylinux|almalinux|oraclelinux|amazonlinux|ubi\d*|ubi-.*|ubi\d+-.*|fedora-minimal)$/.test(ref.name) || /^ubi\d/.test(ref.path)) return 'rhel';
  const debianBased = ['debian', 'ubuntu', 'python', 'node', 'ruby', 'php', 'perl', 'golang', 'rust', 'openjdk', 'eclipse-temurin', 'maven', 'gradle', 'buildpack-deps', 'elixir', 'erlang', 'nginx', 'httpd', 'haproxy', 'postgres', 'redis'];
  if (debianBased.includes(ref.name)) return 'debian';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------------------------
// Build-only packages and their removal

const BUILD_TOOL_PACKAGES = new Set([
  'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'make', 'cmake', 'ninja-build', 'samurai', 'build-essential', 'build-base', 'alpine-sdk',
  'autoconf', 'automake', 'libtool', 'pkgconf', 'pkg-config', 'pkgconfig', 'gfortran', 'dpkg-dev', 'musl-dev', 'libc-dev',
  'libc6-dev', 'glibc-devel', 'linux-headers', 'kernel-headers', 'kernel-devel', 'binutils', 'bison', 'flex', 'gettext-dev',
  'golang', 'go', 'rustc', 'cargo', 'rust', 'maven', 'gradle', 'default-jdk', 'default-jdk-headless', 'nasm', 'yasm',
]);

/** A package that is only needed to build (compilers, headers, SDKs), judged by its name. */
export function isBuildOnlyPackage(name: string): boolean {
  const n = name.toLowerCase().replace(/[=<>~].*$/, '').replace(/:[a-z0-9]+$/, '');
  if (BUILD_TOOL_PACKAGES.has(n)) return true;
  if (/^gcc-\d+$|^g\+\+-\d+$|^clang-\d+$/.test(n)) return true;
  if (/-(dev|devel)$/.test(n)) return true;
  if (/^openjdk-?\d+-jdk(-headless)?$|^java-[\d.]+-openjdk-devel$|^openjdk\d+-jdk$|^openjdk\d+$/.test(n)) return true;
  return false;
}

/** Managers that install system packages (the ones build deps come from). */
const SYSTEM_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);

export function isSystemInstall(pc: PackageCommand): boolean {
  return SYSTEM_MANAGERS.has(pc.manager) && (pc.action === 'install' || pc.action === 'add' || pc.action === 'group install');
}

/** The `--virtual`/`-t` group name of an `apk add`, if any. */
export function apkVirtualName(pc: PackageCommand): string | undefined {
  if (pc.manager !== 'apk') return undefined;
  for (let i = 0; i < pc.options.length; i++) {
    const v = pc.options[i]!.value;
    if (v === '--virtual' || v === '-t') return pc.options[i + 1]?.value;
    if (v.startsWith('--virtual=')) return v.slice('--virtual='.length);
  }
  return undefined;
}

/**
 * The names (package words as written, and raw text for variables like `$buildDeps`) removed by system-package
 * removals that come after `after` in the same RUN: `apt-get purge`, `apk del`, `dnf remove` ...
 */
export function removedLaterInRun(run: RunInstruction, after: ShellCommand): { values: Set<string>; autoremove: boolean } {
  const values = new Set<string>();
  let autoremove = false;
  const commands = run.shell.commands;
  const start = commands.indexOf(after);
  const pcs = packageCommandsIn(run);
  for (const pc of pcs) {
    if (commands.indexOf(pc.command) <= start) continue;
    if (!SYSTEM_MANAGERS.has(pc.manager)) continue;
    if (['remove', 'purge', 'del', 'erase', 'uninstall', 'autoremove', 'group remove'].includes(pc.action)) {
      for (const w of pc.packages) {
        values.add(w.value);
        values.add(w.raw);
      }
      if (pc.action === 'autoremove') autoremove = true;
    }
  }
  return { values, autoremove };
}

// ---------------------------------------------------------------------------------------------------------------
// Commands other than package managers

/** Maven and Gradle are not package managers in ./packages.ts; their dependency goals are recognised here. */
export function isJvmDependencyFetch(cmd: ShellCommand): boolean {
  const name = programName(cmd);
  const args = programArgs(cmd).map((w) => w.value);
  if (name === 'mvn' || name === 'mvnw') return args.some((a) => /^(dependency:(go-offline|resolve|resolve-plugins)|de\.qaware\.maven:go-offline-maven-plugin)/.test(a));
  if (name === 'gradle' || name === 'gradlew') return args.some((a) => /^(dependencies|downloadDependencies|--refresh-dependencies)$/.test(a));
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Text edits

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset just past the end of line (after its newline, if any) holding `offset`. */
export function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n') i++;
  return i < text.length ? i + 1 : i;
}

/** The indentation of the line holding an instruction. */
export function indentOf(text: string, instruction: Instruction): string {
  const start = lineStartOf(text, instruction.range.start.offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The newline style of a text. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Inserts whole lines before an instruction's line, indented like it. `lines` have no trailing newline. */
export function insertLinesBefore(df: Dockerfile, instruction: Instruction, lines: readonly string[]): TextEdit {
  const at = lineStartOf(df.text, instruction.range.start.offset);
  const indent = indentOf(df.text, instruction);
  const nl = newlineOf(df.text);
  return { start: at, end: at, replacement: lines.map((l) => `${indent}${l}${nl}`).join('') };
}

/** Appends whole lines after the end of the file (adding the missing final newline first). */
export function appendLines(df: Dockerfile, lines: readonly string[]): TextEdit {
  const nl = newlineOf(df.text);
  const end = df.text.length;
  const lead = end > 0 && !df.text.endsWith('\n') ? nl : '';
  return { start: end, end, replacement: lead + lines.map((l) => `${l}${nl}`).join('') };
}

/** Deletes an instruction's whole lines (its first line through its last, newline included). */
export function deleteInstructionLines(df: Dockerfile, instruction: Instruction): TextEdit {
  const start = lineStartOf(df.text, instruction.range.start.offset);
  const end = lineEndAfter(df.text, Math.max(instruction.range.end.offset - 1, instruction.range.start.offset));
  return { start, end, replacement: '' };
}

/**
 * Edits removing one top-level command from a RUN's `&&`/`;` list with its joining operator, or the whole RUN when it
 * is the only command. Undefined when that cannot be done exactly (pipelines, nesting, `||`, exec form, heredocs).
 */
export function removeCommandEdits(df: Dockerfile, run: RunInstruction, cmd: ShellCommand): TextEdit[] | undefined {
  if (run.command.form !== 'shell' || run.heredocs.length > 0 || cmd.depth !== 0 || cmd.inPipeline) return undefined;
  const top = run.shell.commands.filter((c) => c.depth === 0);
  if (top.some((c) => c.inPipeline || c.connectorBefore === '||' || c.connectorBefore === '&' || c.connectorBefore === '|')) return undefined;
  if (top.length === 1) return [deleteInstructionLines(df, run)];
  const i = top.indexOf(cmd);
  if (i < 0) return undefined;
  // Removing through the next command's start drops the command and its operator; the last one drops the operator before it.
  if (i < top.length - 1) return [{ start: cmd.range.start.offset, end: top[i + 1]!.range.start.offset, replacement: '' }];
  return [{ start: top[i - 1]!.range.end.offset, end: cmd.range.end.offset, replacement: '' }];
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets

/** A value shown without giving it away: its first four characters and its length. */
export function redact(value: string): string {
  const head = [...value].slice(0, 4).join('');
  return `${head}… (${[...value].length} characters)`;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

/** A COPY/ADD source that sends the whole build context: `.`, `./`, `*`. */
export function isWholeContextSource(source: string): boolean {
  const s = source.trim();
  return s === '.' || s === './' || s === '*' || s === './*' || s === '/' ;
}

/** Joins a directory (a COPY destination, a WORKDIR) and a file name the way a COPY destination would. */
export function joinDest(dir: string, file: string): string {
  if (dir === '' || dir === '.' || dir === './') return `./${file}`;
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
}

/** A COPY destination written as a directory (trailing slash) so several sources can go there. */
export function asDirectory(dest: string): string {
  if (dest === '' || dest === '.') return './';
  return dest.endsWith('/') ? dest : `${dest}/`;
}

// ---------------------------------------------------------------------------------------------------------------
// Minimal variants of full base images, and the edit that writes a new reference where the user wrote the old one

export interface Variant {
  /** The full reference to use, e.g. `python:3.12-slim`. */
  image: string;
  /** When only the tag changes: the new tag (so the registry and path can stay as the user wrote them). */
  tag?: string;
}

const CODENAMES = /^(.*?)-?(jessie|stretch|buster|bullseye|bookworm|trixie|forky|sid)$/;
const VERSION = /^[0-9][0-9a-z.]*$|^(lts|current|latest|stable)$/;

function sameRepo(ref: ImageView, tag: string): Variant {
  const repo = ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
  return { image: `${repo}:${tag}`, tag };
}

/** `3.12` → `3.12-slim`, `3.12-bookworm` → `3.12-slim-bookworm` (python, ruby, perl, rust spell it so). */
function slimBeforeCodename(ref: ImageView, alpine: boolean): Variant[] {
  const tag = ref.tag ?? 'latest';
  if (tag === 'latest') return [sameRepo(ref, 'slim'), ...(alpine ? [sameRepo(ref, 'alpine')] : [])];
  const m = CODENAMES.exec(tag);
  if (m && m[1]) return [sameRepo(ref, `${m[1]}-slim-${m[2]}`)];
  if (VERSION.test(tag)) return [sameRepo(ref, `${tag}-slim`), ...(alpine ? [sameRepo(ref, `${tag}-alpine`)] : [])];
  return [];
}

/** `20` → `20-slim`, `20-bookworm` → `20-bookworm-slim` (node spells it so). */
function slimAfterCodename(ref: ImageView): Variant[] {
  const tag = ref.tag ?? 'latest';
  if (tag === 'latest') return [sameRepo(ref, 'slim'), sameRepo(ref, 'alpine')];
  if (CODENAMES.test(tag)) return [sameRepo(ref, `${tag}-slim`)];
  if (VERSION.test(tag)) return [sameRepo(ref, `${tag}-slim`), sameRepo(ref, `${tag}-alpine`)];
  return [];
}

function javaMajor(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const m = /(?:^|jdk|temurin-|corretto-|openjdk-|java)(\d{1,2})(?:[.\-u_]|$)/.exec(tag);
  return m?.[1];
}

/** The minimal variants to suggest for a full image, best first; empty when the image is unknown or already minimal. */
export function minimalVariants(ref: ImageView): Variant[] {
  if (isMinimalImage(ref)) return [];
  if (/windows|nanoserver|servercore/i.test(ref.tag ?? '')) return [];
  const tag = ref.tag;
  const hub = ref.registry === undefined;
  if (hub) {
    switch (ref.path) {
      case 'python':
      case 'ruby':
        return slimBeforeCodename(ref, true);
      case 'perl':
        return slimBeforeCodename(ref, false);
      case 'rust':
        return slimBeforeCodename(ref, true);
      case 'node':
        return slimAfterCodename(ref);
      case 'elixir':
      case 'erlang':
        return tag === undefined || tag === 'latest' ? [sameRepo(ref, 'slim')] : VERSION.test(tag) ? [sameRepo(ref, `${tag}-slim`)] : [];
      case 'golang': {
        const version = (tag ?? 'latest').replace(CODENAMES, '$1');
        if (version === 'latest' || version === '') return [sameRepo(ref, 'alpine')];
        return VERSION.test(version) ? [sameRepo(ref, `${version}-alpine`)] : [];
      }
      case 'php': {
        const m = /^([0-9][0-9.]*(?:-rc)?)?-?(cli|fpm|zts|apache)?(?:-(bookworm|bullseye|buster|trixie))?$/.exec(tag ?? '');
        if (!m || m[2] === 'apache') return [];
        const parts = [m[1], m[2], 'alpine'].filter(Boolean);
        return [sameRepo(ref, parts.join('-'))];
      }
      case 'openjdk':
      case 'eclipse-temurin':
      case 'maven':
      case 'gradle': {
        if (/jre/.test(tag ?? '') && ref.path !== 'maven' && ref.path !== 'gradle') return [];
        const major = ref.path === 'maven' || ref.path === 'gradle' ? javaMajor(tag?.replace(/^[0-9.]+-/, '')) : javaMajor(tag);
        if (!major) return [];
        return [{ image: `eclipse-temurin:${major}-jre` }, { image: `eclipse-temurin:${major}-jre-alpine` }];
      }
      case 'amazoncorretto':
        return tag && VERSION.test(tag) && tag !== 'latest' ? [sameRepo(ref, `${tag}-alpine`)] : [];
      case 'debian': {
        const t = tag ?? 'latest';
        if (t === 'latest') return [sameRepo(ref, 'stable-slim')];
        return /^[a-z0-9.]+(-\d{8})?$/.test(t) ? [sameRepo(ref, `${t}-slim`)] : [];
      }
      case 'ubuntu':
        return [{ image: 'debian:stable-slim' }, { image: 'alpine:3' }];
      case 'buildpack-deps': {
        const codename = (tag ?? '').split('-')[0] ?? '';
        if (/^(buster|bullseye|bookworm|trixie|sid)$/.test(codename)) return [{ image: `debian:${codename}-slim` }];
        if (/^(focal|jammy|noble|oracular|plucky)$/.test(codename)) return [{ image: `ubuntu:${codename}` }];
        return [{ image: 'debian:stable-slim' }];
      }
      case 'centos': {
        const major = /(\d+)/.exec(tag ?? '')?.[1] ?? '9';
        return [{ image: `registry.access.redhat.com/ubi${major}/ubi-minimal` }];
      }
      case 'rockylinux':
      case 'almalinux':
        return tag && /^\d+(\.\d+)?$/.test(tag) ? [sameRepo(ref, `${tag}-minimal`)] : [];
      case 'oraclelinux':
        return tag && /^\d+(\.\d+)?$/.test(tag) ? [sameRepo(ref, `${tag}-slim`)] : [];
      case 'fedora':
        return [{ image: `registry.fedoraproject.org/fedora-minimal${tag && tag !== 'latest' ? `:${tag}` : ''}` }];
      default:
        return [];
    }
  }
  if (ref.registry === 'mcr.microsoft.com' && ref.path === 'dotnet/sdk' && tag) {
    const version = /^(\d+\.\d+)/.exec(tag)?.[1];
    return version ? [{ image: `mcr.microsoft.com/dotnet/aspnet:${version}` }, { image: `mcr.microsoft.com/dotnet/runtime:${version}` }] : [];
  }
  if (ref.registry === 'registry.access.redhat.com' && /^ubi\d+(\/ubi)?$/.test(ref.path)) {
    return [{ image: `registry.access.redhat.com/${ref.path}-minimal${tag ? `:${tag}` : ''}` }];
  }
  if (ref.registry === 'registry.fedoraproject.org' && ref.path === 'fedora') {
    return [{ image: `registry.fedoraproject.org/fedora-minimal${tag && tag !== 'latest' ? `:${tag}` : ''}` }];
  }
  return [];
}

/** The written reference with its tag replaced (registry, path and spelling kept). */
function withTag(written: string, tag: string): string {
  const slash = written.lastIndexOf('/');
  const colon = written.lastIndexOf(':');
  const repo = colon > slash ? written.slice(0, colon) : written;
  return `${repo}:${tag}`;
}

/** Where the text of an ARG default sits, quotes excluded. */
function argDefaultSpan(df: Dockerfile, name: string): { start: number; end: number; raw: string } | undefined {
  for (const arg of [...df.globalArgs].reverse()) {
    const decl = [...arg.declarations].reverse().find((d) => d.name === name);
    if (!decl || decl.defaultValue === undefined) continue;
    const text = df.text.slice(decl.range.start.offset, decl.range.end.offset);
    const eq = text.indexOf('=');
    if (eq < 0) return undefined;
    let start = decl.range.start.offset + eq + 1;
    let end = decl.range.end.offset;
    const quote = df.text[start];
    if ((quote === '"' || quote === "'") && df.text[end - 1] === quote && end - start >= 2) {
      start++;
      end--;
    }
    return { start, end, raw: df.text.slice(start, end) };
  }
  return undefined;
}

/**
 * The edit switching a FROM to another image, made where the reference is written: in the FROM itself, in the
 * global ARG default a `FROM ${BASE}` takes it from, or (for a tag that only gains a suffix) after `python:${V}`.
 * Undefined when the written form cannot be changed exactly.
 */
export function switchImageEdit(df: Dockerfile, from: FromInstruction, oldRef: ImageView, variant: Variant): TextEdit | undefined {
  const written = from.image;
  const start = from.imageRange.start.offset;
  const end = from.imageRange.end.offset;
  const rewrite = (text: string): string => (variant.tag !== undefined ? withTag(text, variant.tag) : variant.image);
  if (!written.includes('$')) return { start, end, replacement: rewrite(written) };
  const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(written);
  if (whole) {
    const span = argDefaultSpan(df, whole[1]!);
    if (span && !span.raw.includes('$') && span.raw === from.imageExpanded) return { start: span.start, end: span.end, replacement: rewrite(span.raw) };
    return undefined;
  }
  const oldTag = oldRef.tag ?? '';
  if (variant.tag !== undefined && oldTag && variant.tag.startsWith(oldTag) && from.imageExpanded.endsWith(`:${oldTag}`)) {
    return { start: end, end, replacement: variant.tag.slice(oldTag.length) };
  }
  return undefined;
}
