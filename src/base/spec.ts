/**
 * Reads `whittle-base.yaml` with positions (the YamlSource of src/config), so every error names file:line:col.
 * schema/whittle-base.schema.json describes the same layout for editors; test/base/spec.test.ts keeps the two in step.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { YamlSource } from '../config/yaml-source.js';
import { ConfigError } from '../core/errors.js';
import type { AptSource } from './apt/types.js';
import type { BaseGroup, BaseLayerSpec, BaseSpec, BaseUser, KeepKind } from './spec-types.js';
import { DEFAULT_PATH, KEEP_KINDS, NONROOT_GROUP, NONROOT_USER, ROOT_GROUP, ROOT_USER } from './spec-types.js';

export const SPEC_KEYS = [
  'suite',
  'architectures',
  'sources',
  'packages',
  'exclude',
  'includeEssential',
  'user',
  'group',
  'env',
  'entrypoint',
  'cmd',
  'workdir',
  'labels',
  'annotations',
  'layers',
  'keep',
  'sourceDateEpoch',
] as const;

export const DEBIAN_ARCHITECTURES = ['amd64', 'arm64', 'armhf', 'armel', 'i386', 'ppc64el', 's390x', 'mips64el', 'riscv64'] as const;

/** A package name as Debian allows it, optionally with one version constraint: `libc6 (>= 2.36)`. */
const PACKAGE_RE = /^[a-z0-9][a-z0-9+.-]+(?: \((?:<<|<=|=|>=|>>) [A-Za-z0-9.+~:-]+\))?$/;
const NAME_RE = /^[a-z_][a-z0-9_-]{0,31}$/;
const SUITE_RE = /^[a-z0-9][a-z0-9.-]*$/;

/** The machine's Debian architecture for Node's process.arch. */
export function hostArchitecture(arch: string = process.arch): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'armhf', ia32: 'i386', ppc64: 'ppc64el', s390x: 's390x', riscv64: 'riscv64' };
  return map[arch] ?? arch;
}

export function packageName(request: string): string {
  return request.split(' ')[0]!;
}

function packageList(src: YamlSource, node: Node | null, what: string): string[] {
  return src.stringList(node, what).map(({ value, node: item }) => {
    const text = value.trim().replace(/\s+/g, ' ');
    if (!PACKAGE_RE.test(text)) throw src.error(item, `${what}: "${value}" is not a Debian package name (optionally with a version constraint like "libc6 (>= 2.36)")`);
    return text;
  });
}

function idNumber(src: YamlSource, node: Node | null, what: string): number {
  const n = src.number(node, what);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) throw src.error(node, `${what} must be a whole number from 0 to 2147483647`);
  return n;
}

function accountName(src: YamlSource, node: Node | null, what: string): string {
  const name = src.string(node, what);
  if (!NAME_RE.test(name)) throw src.error(node, `${what}: "${name}" is not a valid user or group name`);
  return name;
}

function absolutePath(src: YamlSource, node: Node | null, what: string): string {
  const path = src.string(node, what);
  if (!path.startsWith('/') || path.includes('\0') || path.split('/').includes('..')) throw src.error(node, `${what} must be an absolute path without ".."`);
  return path;
}

function userFrom(src: YamlSource, node: Node | null): BaseUser {
  if (isScalar(node) && typeof node.value === 'string') {
    if (node.value === 'nonroot') return { ...NONROOT_USER };
    if (node.value === 'root') return { ...ROOT_USER };
    throw src.error(node, `user must be "nonroot", "root" or a mapping { name, uid, home }`);
  }
  let name: string | undefined;
  let uid: number | undefined;
  let home: string | undefined;
  for (const e of src.entries(node, 'user', ['name', 'uid', 'home'])) {
    if (e.key === 'name') name = accountName(src, e.value, 'user.name');
    else if (e.key === 'uid') uid = idNumber(src, e.value, 'user.uid');
    else home = absolutePath(src, e.value, 'user.home');
  }
  if (name === undefined || uid === undefined) throw src.error(node, 'user needs both name and uid');
  return { name, uid, home: home ?? (uid === 0 ? '/root' : `/home/${name}`) };
}

function groupFrom(src: YamlSource, node: Node | null): BaseGroup {
  if (isScalar(node) && typeof node.value === 'string') {
    if (node.value === 'nonroot') return { ...NONROOT_GROUP };
    if (node.value === 'root') return { ...ROOT_GROUP };
    throw src.error(node, `group must be "nonroot", "root" or a mapping { name, gid }`);
  }
  let name: string | undefined;
  let gid: number | undefined;
  for (const e of src.entries(node, 'group', ['name', 'gid'])) {
    if (e.key === 'name') name = accountName(src, e.value, 'group.name');
    else gid = idNumber(src, e.value, 'group.gid');
  }
  if (name === undefined || gid === undefined) throw src.error(node, 'group needs both name and gid');
  return { name, gid };
}

function stringMap(src: YamlSource, node: Node | null, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of src.entries(node, what)) out[e.key] = src.string(e.value, `${what}.${e.key}`);
  return out;
}

/** A command: a list of strings (exec form); a single string is a list of one (there may be no shell to run it). */
function command(src: YamlSource, node: Node | null, what: string): string[] {
  const list = src.stringList(node, what).map((i) => i.value);
  if (list.length === 0) throw src.error(node, `${what} must not be empty`);
  return list;
}

function sourcesFrom(src: YamlSource, node: Node | null): AptSource[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) throw src.error(node, 'sources must be a list of { url, suite(s), components }');
  const out: AptSource[] = [];
  for (const item of node.items as (Node | null)[]) {
    let url: string | undefined;
    let suites: string[] = [];
    let components = ['main'];
    for (const e of src.entries(item, 'each source', ['url', 'suite', 'suites', 'components'])) {
      if (e.key === 'url') {
        url = src.string(e.value, 'source url').replace(/\/+$/, '');
        if (!/^https?:\/\/[^\s/]+/.test(url)) throw src.error(e.value, `source url must be an http(s) URL, not "${url}"`);
      } else if (e.key === 'suite' || e.key === 'suites') {
        suites = src.stringList(e.value, `source ${e.key}`).map(({ value, node: n }) => {
          if (!SUITE_RE.test(value)) throw src.error(n, `"${value}" is not a suite name`);
          return value;
        });
      } else {
        components = src.stringList(e.value, 'source components').map((c) => c.value);
      }
    }
    if (url === undefined) throw src.error(item, 'each source needs a url');
    if (suites.length === 0) throw src.error(item, 'each source needs a suite (or suites)');
    for (const suite of suites) out.push({ url, suite, components });
  }
  return out;
}

function layersFrom(src: YamlSource, node: Node | null): BaseLayerSpec[] {
  const layers: BaseLayerSpec[] = [];
  const seen = new Map<string, string>();
  for (const e of src.entries(node, 'layers')) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(e.key)) throw src.error(e.keyNode, `layer name "${e.key}" may hold only letters, digits, "_", "." and "-"`);
    const packages = packageList(src, e.value, `layers.${e.key}`);
    const items = isSeq(e.value) ? (e.value.items as Node[]) : [];
    packages.forEach((p, i) => {
      const name = packageName(p);
      const other = seen.get(name);
      if (other !== undefined) throw src.error(items[i] ?? e.value, `package ${name} is in two layers (${other} and ${e.key})`);
      seen.set(name, e.key);
    });
    layers.push({ name: e.key, packages });
  }
  return layers;
}

/** Parses and validates a spec; `sources` stays empty when the file names none (the build fills in the machine's mirror). */
export function parseBaseSpec(file: string, text: string): BaseSpec {
  const src = new YamlSource(file, text);
  if (src.root === null) throw src.error(null, 'the spec is empty: it needs at least `packages:` or `layers:`');
  if (!isMap(src.root)) throw src.error(src.root, 'the spec must be a mapping (suite:, packages:, ...)');
  const spec: BaseSpec = {
    file,
    suite: 'bookworm',
    architectures: [],
    sources: [],
    packages: [],
    exclude: [],
    includeEssential: false,
    user: { ...NONROOT_USER },
    group: { ...NONROOT_GROUP },
    env: {},
    labels: {},
    annotations: {},
    layers: [],
    keep: [],
  };
  let groupGiven = false;
  let workdirGiven = false;
  for (const e of src.entries(src.root, 'the spec', SPEC_KEYS)) {
    switch (e.key as (typeof SPEC_KEYS)[number]) {
      case 'suite':
        spec.suite = src.string(e.value, 'suite');
        if (!SUITE_RE.test(spec.suite)) throw src.error(e.value, `"${spec.suite}" is not a suite name`);
        break;
      case 'architectures':
        spec.architectures = src.stringList(e.value, 'architectures').map(({ value, node }) => {
          if (!(DEBIAN_ARCHITECTURES as readonly string[]).includes(value)) {
            throw src.error(node, `unknown architecture "${value}" (expected one of: ${DEBIAN_ARCHITECTURES.join(', ')})`);
          }
          return value;
        });
        break;
      case 'sources':
        spec.sources = sourcesFrom(src, e.value);
        break;
      case 'packages':
        spec.packages = packageList(src, e.value, 'packages');
        break;
      case 'exclude':
        spec.exclude = packageList(src, e.value, 'exclude');
        break;
      case 'includeEssential':
        spec.includeEssential = src.boolean(e.value, 'includeEssential');
        break;
      case 'user':
        spec.user = userFrom(src, e.value);
        break;
      case 'group':
        spec.group = groupFrom(src, e.value);
        groupGiven = true;
        break;
      case 'env':
        spec.env = stringMap(src, e.value, 'env');
        break;
      case 'entrypoint':
        spec.entrypoint = command(src, e.value, 'entrypoint');
        break;
      case 'cmd':
        spec.cmd = command(src, e.value, 'cmd');
        break;
      case 'workdir':
        spec.workdir = absolutePath(src, e.value, 'workdir');
        workdirGiven = true;
        break;
      case 'labels':
        spec.labels = stringMap(src, e.value, 'labels');
        break;
      case 'annotations':
        spec.annotations = stringMap(src, e.value, 'annotations');
        break;
      case 'layers':
        spec.layers = layersFrom(src, e.value);
        break;
      case 'keep':
        spec.keep = src.stringList(e.value, 'keep').map(({ value, node }) => {
          if (!(KEEP_KINDS as readonly string[]).includes(value)) throw src.error(node, `keep: unknown kind "${value}" (expected one of: ${KEEP_KINDS.join(', ')})`);
          return value as KeepKind;
        });
        break;
      case 'sourceDateEpoch': {
        const n = src.number(e.value, 'sourceDateEpoch');
        if (!Number.isInteger(n) || n < 0) throw src.error(e.value, 'sourceDateEpoch must be a whole number of seconds since 1970');
        spec.sourceDateEpoch = n;
        break;
      }
    }
  }
  if (!groupGiven) spec.group = spec.user.uid === 0 ? { ...ROOT_GROUP } : spec.user.name === NONROOT_USER.name ? { ...NONROOT_GROUP } : { name: spec.user.name, gid: spec.user.uid };
  if (!workdirGiven && spec.user.uid !== 0) spec.workdir = spec.user.home;
  spec.env = { PATH: DEFAULT_PATH, ...spec.env };
  if (spec.packages.length === 0 && spec.layers.every((l) => l.packages.length === 0)) {
    throw src.error(src.root, 'the spec installs no packages: list some under `packages:` or `layers:`');
  }
  return spec;
}

/** Every package the spec asks for: `packages` plus those named only in layers, in a stable order. */
export function requestedPackages(spec: Pick<BaseSpec, 'packages' | 'layers'>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of [...spec.layers.flatMap((l) => l.packages), ...spec.packages]) {
    const name = packageName(p);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(p);
  }
  return out;
}

/** Adds packages on top of a spec (`--add libpq5`): they join the last layer. */
export function withExtraPackages(spec: BaseSpec, extra: string[]): BaseSpec {
  for (const p of extra) {
    if (!PACKAGE_RE.test(p)) throw new ConfigError(`--add: "${p}" is not a Debian package name`);
  }
  return { ...spec, packages: [...spec.packages, ...extra] };
}
