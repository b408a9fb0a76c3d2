/**
 * The base-image catalogue: public defaults, the facts inferred from well-known image names, and the `bases:`
 * section of .whittle.yaml validated (errors name the file, line and column when the config text is known).
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { ConfigError } from '../core/errors.js';
import type { BaseImage, Catalogue, Libc, PackageManagerKind, StackBases, StackName } from './types.js';
import { STACKS } from './types.js';

/** Distroless and the static images run as this user (distroless' `nonroot`). */
export const NONROOT_UID = '65532';

const DEBIAN_LIKE = /^(debian|ubuntu|buildpack-deps|golang|rust|maven|gradle|eclipse-temurin|openjdk|amazoncorretto)$/;

/**
 * What an image holds, worked out from its name, or undefined when the name says nothing. Only the last path
 * component and the tag are read, so a company mirror (`registry.corp/base/python:3.12-slim`) is recognised too.
 */
export function inferBase(image: string): BaseImage | undefined {
  const ref = image.trim();
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const last = noDigest.slice(slash + 1);
  const colon = last.indexOf(':');
  const name = (colon >= 0 ? last.slice(0, colon) : last).toLowerCase();
  const tag = (colon >= 0 ? last.slice(colon + 1) : 'latest').toLowerCase();
  const base = (facts: Partial<BaseImage> & Pick<BaseImage, 'shell' | 'packageManager' | 'libc'>): BaseImage => ({
    image: ref,
    passwd: true,
    certificates: false,
    provides: [],
    install: [],
    ...facts,
  });
  if (name === 'scratch') return base({ shell: false, packageManager: 'none', libc: 'none', passwd: false });
  if (noDigest.includes('distroless')) {
    const debug = tag.includes('debug');
    const facts: Partial<BaseImage> & Pick<BaseImage, 'shell' | 'packageManager' | 'libc'> = {
      shell: debug,
      packageManager: 'none',
      libc: name.startsWith('static') ? 'none' : 'glibc',
      certificates: true,
      user: NONROOT_UID,
    };
    if (name.startsWith('python3')) Object.assign(facts, { interpreter: '/usr/bin/python3', pythonVersion: name.endsWith('debian11') ? '3.9' : '3.11' });
    if (name.startsWith('nodejs')) facts.interpreter = '/nodejs/bin/node';
    if (name.startsWith('java')) facts.interpreter = '/usr/bin/java';
    return base(facts);
  }
  const alpine = tag.includes('alpine') || name === 'alpine';
  const os: Pick<BaseImage, 'shell' | 'packageManager' | 'libc' | 'certificates'> = alpine
    ? { shell: true, packageManager: 'apk', libc: 'musl', certificates: true }
    : { shell: true, packageManager: 'apt', libc: 'glibc', certificates: name !== 'debian' && name !== 'ubuntu' };
  if (name === 'python' || name === 'pypy') {
    const version = /^(\d+\.\d+)/.exec(tag)?.[1];
    return base({ ...os, interpreter: '/usr/local/bin/python3', ...(version ? { pythonVersion: version } : {}) });
  }
  if (name === 'node') return base({ ...os, interpreter: '/usr/local/bin/node' });
  if (name === 'eclipse-temurin' || name === 'maven' || name === 'gradle') return base({ ...os, interpreter: '/opt/java/openjdk/bin/java' });
  if (name === 'alpine' || DEBIAN_LIKE.test(name)) return base(os);
  return undefined;
}

function known(image: string): BaseImage {
  const b = inferBase(image);
  if (!b) throw new Error(`default base ${image} is not recognised`);
  return b;
}

/** Public defaults: official slim images, distroless, and static bases for static binaries. */
export function defaultCatalogue(): Catalogue {
  return {
    go: {
      builder: known('golang:1.22-bookworm'),
      runtime: known('gcr.io/distroless/static-debian12:nonroot'),
      cgoRuntime: known('gcr.io/distroless/base-debian12:nonroot'),
    },
    python: { builder: known('python:3.12-slim'), runtime: known('python:3.12-slim') },
    node: { builder: known('node:20-bookworm-slim'), runtime: known('gcr.io/distroless/nodejs20-debian12:nonroot') },
    java: { builder: known('maven:3.9-eclipse-temurin-21'), runtime: known('gcr.io/distroless/java21-debian12:nonroot') },
    rust: { builder: known('rust:1-bookworm'), runtime: known('gcr.io/distroless/cc-debian12:nonroot'), staticRuntime: known('scratch') },
  };
}

/** A catalogue error at a path under `bases:`, placed in the config file when its text is known. */
class PathError {
  constructor(
    readonly path: (string | number)[],
    readonly message: string,
    /** The error is about the key itself (an unknown key): point at the key, not its value. */
    readonly atKey = false,
  ) {}
}

const ROLES = ['builder', 'runtime', 'cgoRuntime', 'staticRuntime'] as const;
const BASE_KEYS = ['image', 'shell', 'packageManager', 'libc', 'user', 'passwd', 'certificates', 'provides', 'install', 'interpreter', 'pythonVersion'] as const;

/** `bases.go.runtime`: how messages name an entry. */
function where(path: readonly (string | number)[]): string {
  return ['bases', ...path].join('.');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, path: (string | number)[]): string[] {
  if (v === null || v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw new PathError(path, `${where(path)} must be a list of package names`);
  return v.map((item, i) => {
    if (typeof item !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9+.:=~_*-]*$/.test(item)) {
      throw new PathError([...path, i], `${where(path)}[${i}] must be a package name (optionally =version)`);
    }
    return item;
  });
}

function bool(v: unknown, path: (string | number)[]): boolean {
  if (typeof v !== 'boolean') throw new PathError(path, `${where(path)} must be true or false`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: (string | number)[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new PathError(path, `${where(path)} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function imageName(v: unknown, path: (string | number)[]): string {
  if (typeof v !== 'string' || v.trim() === '' || /\s/.test(v.trim())) throw new PathError(path, `${where(path)} must be an image reference such as python:3.12-slim`);
  return v.trim();
}

/** One base: a plain image name (facts inferred) or a mapping with `image` and the facts. */
function baseFrom(v: unknown, path: (string | number)[]): BaseImage {
  if (typeof v === 'string') {
    const image = imageName(v, path);
    const inferred = inferBase(image);
    if (!inferred) {
      throw new PathError(path, `${where(path)}: whittle cannot tell what ${image} contains; write it as { image: ${image}, shell: true|false, packageManager: apt|apk|none, libc: glibc|musl|none }`);
    }
    return inferred;
  }
  if (!isRecord(v)) throw new PathError(path, `${where(path)} must be an image name or a mapping with image:`);
  for (const key of Object.keys(v)) {
    if (!(BASE_KEYS as readonly string[]).includes(key)) throw new PathError([...path, key], `unknown key "${key}" in ${where(path)} (expected one of: ${BASE_KEYS.join(', ')})`, true);
  }
  if (v.image === undefined) throw new PathError(path, `${where(path)} needs image:`);
  const image = imageName(v.image, [...path, 'image']);
  const inferred = inferBase(image);
  for (const key of ['shell', 'packageManager', 'libc'] as const) {
    if (!inferred && v[key] === undefined) {
      throw new PathError(path, `${where(path)}: whittle cannot tell what ${image} contains; add ${key}:`);
    }
  }
  const out: BaseImage = inferred ? { ...inferred, provides: [...inferred.provides], install: [...inferred.install] } : {
    image,
    shell: false,
    packageManager: 'none',
    libc: 'glibc',
    passwd: true,
    certificates: false,
    provides: [],
    install: [],
  };
  out.image = image;
  if (v.shell !== undefined) out.shell = bool(v.shell, [...path, 'shell']);
  if (v.packageManager !== undefined) out.packageManager = oneOf<PackageManagerKind>(v.packageManager, ['apt', 'apk', 'none'], [...path, 'packageManager']);
  if (v.libc !== undefined) out.libc = oneOf<Libc>(v.libc, ['glibc', 'musl', 'none'], [...path, 'libc']);
  if (v.passwd !== undefined) out.passwd = bool(v.passwd, [...path, 'passwd']);
  if (v.certificates !== undefined) out.certificates = bool(v.certificates, [...path, 'certificates']);
  if (v.user !== undefined) {
    if ((typeof v.user !== 'string' && typeof v.user !== 'number') || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(String(v.user))) {
      throw new PathError([...path, 'user'], `${where(path)}.user must be a user name or id such as 65532 or nonroot`);
    }
    out.user = String(v.user);
  }
  if (v.provides !== undefined) out.provides = stringList(v.provides, [...path, 'provides']);
  if (v.install !== undefined) out.install = stringList(v.install, [...path, 'install']);
  if (v.interpreter !== undefined) {
    if (typeof v.interpreter !== 'string' || !v.interpreter.startsWith('/')) throw new PathError([...path, 'interpreter'], `${where(path)}.interpreter must be an absolute path such as /usr/bin/python3`);
    out.interpreter = v.interpreter;
  }
  if (v.pythonVersion !== undefined) {
    const s = String(v.pythonVersion);
    if (!/^\d+\.\d+$/.test(s)) throw new PathError([...path, 'pythonVersion'], `${where(path)}.pythonVersion must be major.minor, such as "3.11"`);
    out.pythonVersion = s;
  }
  if (out.install.length > 0 && out.packageManager === 'none') {
    throw new PathError([...path, 'install'], `${where(path)}.install needs an image with a package manager (packageManager: apt or apk)`);
  }
  return out;
}

function stackFrom(v: unknown, stack: StackName, defaults: StackBases): StackBases {
  const path = [stack];
  if (v === null || v === undefined) return defaults;
  if (!isRecord(v)) throw new PathError(path, `${where(path)} must be a mapping with builder: and runtime:`);
  const out: StackBases = { ...defaults };
  for (const [key, value] of Object.entries(v)) {
    if (!(ROLES as readonly string[]).includes(key)) throw new PathError([stack, key], `unknown key "${key}" in ${where([stack])} (expected one of: ${ROLES.join(', ')})`, true);
    out[key as (typeof ROLES)[number]] = baseFrom(value, [stack, key]);
  }
  return out;
}

/** Places a path error in the config text (line and column of the offending node), or names the path alone. */
function toConfigError(err: PathError, source: { file: string; text: string } | undefined): ConfigError {
  const message = err.message;
  if (!source) return new ConfigError(message);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter });
  let path = ['bases', ...err.path];
  let node: Node | undefined;
  if (err.atKey) {
    const parent = doc.getIn(path.slice(0, -1), true);
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1])) : undefined;
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  while (path.length > 0 && !node) {
    node = doc.getIn(path, true) as Node | undefined;
    if (!node) path = path.slice(0, -1);
  }
  const offset = node?.range?.[0];
  if (offset === undefined) return new ConfigError(message, source.file);
  const pos = lineCounter.linePos(offset);
  return new ConfigError(message, source.file, pos.line, pos.col);
}

/**
 * The catalogue to use: the defaults, with each stack's roles replaced by the ones `bases:` names. Throws a
 * ConfigError naming the offending entry (with its line and column when `source` gives the config text).
 */
export function loadCatalogue(raw: unknown, source?: { file: string; text: string }): Catalogue {
  const catalogue = defaultCatalogue();
  if (raw === null || raw === undefined) return catalogue;
  try {
    if (!isRecord(raw)) throw new PathError([], 'bases must be a mapping from a stack (go, python, node, java, rust) to its bases');
    for (const [stack, value] of Object.entries(raw)) {
      if (!(STACKS as readonly string[]).includes(stack)) throw new PathError([stack], `bases: unknown stack "${stack}" (expected one of: ${STACKS.join(', ')})`, true);
      catalogue[stack as StackName] = stackFrom(value, stack as StackName, catalogue[stack as StackName]);
    }
  } catch (err) {
    if (err instanceof PathError) throw toConfigError(err, source);
    throw err;
  }
  return catalogue;
}

/** A base named on the command line (--base-runtime): the catalogue's facts when it lists that image, else inferred. */
export function baseForOption(image: string, catalogue: Catalogue, option: string): BaseImage {
  for (const stack of STACKS) {
    for (const role of ROLES) {
      const b = catalogue[stack][role];
      if (b && b.image === image) return b;
    }
  }
  const inferred = inferBase(image);
  if (!inferred) throw new ConfigError(`${option} ${image}: whittle cannot tell what this image contains; describe it under bases: in .whittle.yaml (shell, packageManager, libc)`);
  return inferred;
}
