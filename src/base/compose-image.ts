/**
 * From verified .deb files to one built image (one architecture): read each package, plan the layers, compose
 * each layer's entries (package files, the dpkg database, generated system files, the certificate bundle, the
 * /usr/bin links JRE postinst scripts would make, the Java truststore), build the layer blobs and assemble config and manifest. No network; the apt side hands over the .debs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import type { Compression, Platform } from '../image/types.js';
import { assembleImage } from '../image/write/image.js';
import { buildLayer } from '../image/write/layer.js';
import type { BuiltImage, BuiltLayer, LayerEntry } from '../image/write/types.js';
import { alternativeLink, chooseAlternatives, isJinfoPath, jinfoCandidates, parseJinfo, postinstAlternatives, type AlternativeCandidate } from './alternatives.js';
import { dedupe, dropUnwanted, toMergedUsr } from './compose.js';
import { field, relationNames } from './control.js';
import { readDeb, type DebContents } from './deb.js';
import { certificateBundle, isBundledCertificate, statusFiles, systemFiles } from './generated.js';
import { javaTruststore, wantsJavaTruststore } from './java-truststore.js';
import { planLayers, type LayerPlan, type PackageNode } from './layers.js';
import { requestedPackages } from './spec.js';
import type { BaseSpec } from './spec-types.js';

export interface ComposeInput {
  spec: BaseSpec;
  /** Debian architecture (`amd64`). */
  architecture: string;
  /** Every package of the resolution and its verified .deb. */
  debs: { name: string; file: string }[];
  /** Folder for spooled file contents and layer blobs. */
  workDir: string;
  /**
   * Seconds since 1970 for every file; default: per layer, the newest build time of its packages, so a layer's
   * bytes depend only on its packages and images that share a first layer share it whatever else they hold.
   */
  mtime?: number;
  compression?: Compression;
}

export interface ComposedLayer {
  name: string;
  packages: string[];
  layer: BuiltLayer;
}

export interface ComposedImage {
  architecture: string;
  image: BuiltImage;
  layers: ComposedLayer[];
  packages: { name: string; version: string; architecture: string; source?: string }[];
  mtime: number;
}

/** Debian architecture to the OCI platform containers run on. */
export function ociPlatform(arch: string): Platform {
  const map: Record<string, Platform> = {
    amd64: { os: 'linux', architecture: 'amd64' },
    arm64: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    armhf: { os: 'linux', architecture: 'arm', variant: 'v7' },
    armel: { os: 'linux', architecture: 'arm', variant: 'v5' },
    i386: { os: 'linux', architecture: '386' },
    ppc64el: { os: 'linux', architecture: 'ppc64le' },
    s390x: { os: 'linux', architecture: 's390x' },
    mips64el: { os: 'linux', architecture: 'mips64le' },
    riscv64: { os: 'linux', architecture: 'riscv64' },
  };
  const p = map[arch];
  if (!p) throw new InputError(`unknown Debian architecture ${arch}`);
  return p;
}

async function bytesOf(entry: LayerEntry): Promise<Buffer> {
  if (Buffer.isBuffer(entry.data)) return entry.data;
  if (!entry.data) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of entry.data() as Readable) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Reads the .debs a few at a time (xz runs in its own process, so two cores both work). */
async function readAll(debs: ComposeInput['debs'], spoolDir: string): Promise<DebContents[]> {
  const out: DebContents[] = new Array(debs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < debs.length) {
      const i = next++;
      out[i] = await readDeb(debs[i]!.file, debs[i]!.name, { spoolDir });
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, debs.length) }, worker));
  return out;
}

export function packageNode(deb: DebContents): PackageNode {
  return {
    name: deb.package,
    depends: [...relationNames(field(deb.control, 'Pre-Depends')), ...relationNames(field(deb.control, 'Depends'))],
    provides: relationNames(field(deb.control, 'Provides')).flat(),
  };
}

/** The entries of one planned layer: its packages' files, their dpkg database entries, and what is generated for them. */
function layerEntries(plan: LayerPlan, index: number, files: Map<string, LayerEntry[]>, contents: Map<string, DebContents>, extras: Map<string, LayerEntry[]>, input: ComposeInput, osRelease?: string): LayerEntry[] {
  const entries: LayerEntry[] = [];
  const generated: LayerEntry[] = [];
  if (index === 0) generated.push(...systemFiles({ user: input.spec.user, group: input.spec.group, suite: input.spec.suite, osRelease }));
  for (const name of plan.packages) {
    const deb = contents.get(name)!;
    entries.push(...files.get(name)!);
    generated.push(...statusFiles(name, deb.control, deb.md5sums));
    generated.push(...(extras.get(name) ?? []));
  }
  return dedupe([...entries, ...generated]);
}

/** A .jinfo lists a few dozen tools; anything much bigger is not one. */
const MAX_JINFO_BYTES = 1024 * 1024;

/**
 * What maintainer scripts would have made, attached to the package whose layer gets it: the certificate bundle
 * (ca-certificates), the alternatives links of each JRE's .jinfo and of literal update-alternatives lines in
 * postinst scripts (with the package holding the link's target), and the Java truststore (with the first package, in layer order, that wants it).
 */
async function scriptEffects(files: Map<string, LayerEntry[]>, contents: Map<string, DebContents>, plans: readonly LayerPlan[], layerTime: (plan: LayerPlan) => number): Promise<Map<string, LayerEntry[]>> {
  const extras = new Map<string, LayerEntry[]>();
  const add = (pkg: string, ...e: LayerEntry[]) => extras.set(pkg, [...(extras.get(pkg) ?? []), ...e]);

  const caFiles = files.get('ca-certificates') ?? [];
  const certs = await Promise.all(caFiles.filter((e) => e.type === 'file' && isBundledCertificate(e.path)).map(async (e) => ({ path: e.path, data: await bytesOf(e) })));
  if (files.has('ca-certificates')) add('ca-certificates', ...certificateBundle(certs));

  const owner = new Map<string, string>();
  for (const [pkg, entries] of files) for (const e of entries) if (e.type !== 'directory') owner.set(e.path, pkg);
  const candidates: AlternativeCandidate[] = [];
  for (const [pkg, entries] of files) {
    for (const e of entries.filter((x) => x.type === 'file' && isJinfoPath(x.path))) {
      if ((e.size ?? 0) > MAX_JINFO_BYTES) throw new InputError(`${pkg}: /${e.path} is implausibly large for a .jinfo (${e.size} bytes)`);
      candidates.push(...jinfoCandidates(parseJinfo((await bytesOf(e)).toString('utf8'), pkg, `/${e.path}`)));
    }
    const postinst = contents.get(pkg)!.postinst;
    if (postinst) candidates.push(...postinstAlternatives(postinst));
  }
  for (const c of chooseAlternatives(candidates, new Set(owner.keys()))) add(owner.get(c.target.slice(1))!, alternativeLink(c));

  if (certs.length > 0) {
    for (const plan of plans) {
      const pkg = plan.packages.find((n) => wantsJavaTruststore(n, files.get(n)!));
      if (pkg === undefined) continue;
      add(pkg, ...javaTruststore(certs, layerTime(plan)));
      break;
    }
  }
  return extras;
}

export async function composeImage(input: ComposeInput): Promise<ComposedImage> {
  const spoolDir = join(input.workDir, `spool-${input.architecture}`);
  await mkdir(spoolDir, { recursive: true });
  const debs = [...input.debs].sort((a, b) => (a.name < b.name ? -1 : 1));
  const contents = await readAll(debs, spoolDir);
  const byName = new Map(contents.map((c) => [c.package, c]));
  const mtime = input.mtime ?? Math.max(0, ...contents.map((c) => c.builtAt));
  const plans = planLayers(input.spec.layers, requestedPackages(input.spec), contents.map(packageNode));

  const baseFiles = byName.get('base-files');
  const osReleaseEntry = baseFiles ? toMergedUsr(baseFiles.entries).find((e) => e.path === 'usr/lib/os-release' && e.type === 'file') : undefined;
  const osRelease = osReleaseEntry ? (await bytesOf(osReleaseEntry)).toString('utf8') : undefined;

  const files = new Map(contents.map((c) => [c.package, dropUnwanted(toMergedUsr(c.entries), input.spec.keep)]));
  const layerTime = (plan: LayerPlan) => input.mtime ?? Math.max(0, ...plan.packages.map((n) => byName.get(n)!.builtAt));
  const extras = await scriptEffects(files, byName, plans, layerTime);

  const layers: ComposedLayer[] = [];
  for (const [i, plan] of plans.entries()) {
    if (i > 0 && plan.packages.length === 0) continue;
    const entries = layerEntries(plan, i, files, byName, extras, input, osRelease);
    const createdBy = `whittle base: layer ${plan.name}${plan.packages.length ? ` (${plan.packages.join(' ')})` : ''}`;
    const layer = await buildLayer(entries, { mtime: layerTime(plan), compression: input.compression ?? 'gzip', workDir: join(input.workDir, 'blobs'), createdBy });
    layers.push({ name: plan.name, packages: plan.packages, layer });
  }

  const { spec } = input;
  const env = Object.entries(spec.env).map(([k, v]) => `${k}=${v}`);
  const image = await assembleImage({
    platform: ociPlatform(input.architecture),
    layers: layers.map((l) => l.layer),
    config: {
      User: spec.user.uid === 0 ? '0' : String(spec.user.uid),
      Env: env,
      ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
      ...(spec.cmd ? { Cmd: spec.cmd } : {}),
      ...(spec.workdir ? { WorkingDir: spec.workdir } : {}),
      ...(Object.keys(spec.labels).length ? { Labels: spec.labels } : {}),
    },
    created: new Date(mtime * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    annotations: spec.annotations,
  });
  const packages = contents.map((c) => ({
    name: c.package,
    version: field(c.control, 'Version') ?? '',
    architecture: field(c.control, 'Architecture') ?? input.architecture,
    ...(field(c.control, 'Source') ? { source: field(c.control, 'Source')! } : {}),
  }));
  return { architecture: input.architecture, image, layers, packages, mtime };
}
