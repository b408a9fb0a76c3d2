/**
 * writeImage: built images to where the user asked, named like skopeo names them:
 *   oci:DIR[:TAG]                  an OCI image layout folder
 *   oci-archive:FILE[:TAG]         the same layout as a tar
 *   docker-archive:FILE[:NAME:TAG] `docker save` format (manifest.json; one platform)
 *   HOST[:PORT]/REPO[:TAG]         pushed to a registry (also `docker://...`)
 * The path ends at the first colon, as skopeo's oci: transport reads it. Files appear atomically or not at all.
 * An existing OCI layout keeps its other images (the same tag is replaced); archives are replaced whole.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { formatPlatform } from '../platform.js';
import { parseReference, type ImageReference } from '../reference.js';
import { canonicalJson } from './image.js';
import { REF_NAME, carryOver, checkImages, fillLayout } from './layout.js';
import { pushImages } from './push.js';
import { removeDir, scratchDir, writeDirAtomic, writeFileAtomically } from './atomic-dir.js';
import { tarDirectory } from './tar-dir.js';
import type { BuiltImage, WriteOptions, WrittenImage } from './types.js';

export type WriteTarget =
  | { kind: 'oci' | 'oci-archive'; path: string; tag?: string }
  | { kind: 'docker-archive'; path: string; name?: string }
  | { kind: 'registry'; ref: ImageReference };

function splitFirstColon(text: string): [string, string | undefined] {
  const i = text.indexOf(':');
  return i === -1 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

/** Whether a reference names its registry (a bare `team/app` would silently mean Docker Hub). */
function namesRegistry(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash === -1) return false;
  const first = text.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

export function parseWriteTarget(target: string): WriteTarget {
  const bad = (why: string) => new InputError(`output ${JSON.stringify(target)}: ${why}`);
  for (const kind of ['oci-archive', 'oci', 'docker-archive'] as const) {
    if (!target.startsWith(`${kind}:`)) continue;
    const [path, name] = splitFirstColon(target.slice(kind.length + 1));
    if (!path) throw bad(`needs a path (${kind}:PATH${kind === 'docker-archive' ? '[:NAME:TAG]' : '[:TAG]'})`);
    if (name === '') throw bad('empty name after the colon');
    if (kind !== 'docker-archive') {
      if (name !== undefined && /[\s/]/.test(name)) throw bad(`tag ${JSON.stringify(name)} has a space or a slash`);
      return { kind, path, ...(name !== undefined ? { tag: name } : {}) };
    }
    if (name === undefined) return { kind, path };
    const ref = parseReference(name);
    if (ref.digest) throw bad('a docker-archive is named NAME:TAG, not by digest');
    return { kind, path, name: name.includes(':') ? name : `${name}:latest` };
  }
  let rest = target;
  for (const prefix of ['docker://', 'registry:']) if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  if (rest === target && !namesRegistry(target)) {
    throw bad('not an output: use oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG], or a registry reference HOST/REPO:TAG (docker://REPO:TAG for Docker Hub)');
  }
  return { kind: 'registry', ref: parseReference(rest) };
}

/** The archive's member times: the first image's creation time (so the archive is as reproducible as the image). */
function archiveTime(images: BuiltImage[]): number {
  const created = JSON.parse(images[0]!.config.toString()) as { created?: string };
  const t = Date.parse(created.created ?? '');
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor(t / 1000));
}

async function writeArchive(path: string, images: BuiltImage[], fill: (dir: string) => Promise<string>): Promise<string> {
  const staging = await scratchDir(path);
  try {
    const layout = join(staging, 'layout');
    const work = join(staging, 'work');
    await mkdir(layout);
    const digest = await fill(layout);
    await writeFileAtomically(path, (temp) => tarDirectory(layout, temp, archiveTime(images), work));
    return digest;
  } finally {
    await removeDir(staging);
  }
}

/** docker save's manifest.json next to an OCI layout (as Docker 25+ writes it): older and newer loaders both read it. */
function checkOnePlatform(images: BuiltImage[]): void {
  if (images.length !== 1) {
    throw new InputError(`a docker-archive holds one platform; ${images.length} were built (${images.map((i) => formatPlatform(i.platform)).join(', ')}): write an oci: layout or push to a registry`);
  }
}

async function fillDockerArchive(dir: string, images: BuiltImage[], name: string | undefined): Promise<string> {
  const img = images[0]!;
  const annotations: Record<string, string> = name ? { 'io.containerd.image.name': name, [REF_NAME]: name.slice(name.lastIndexOf(':') + 1) } : {};
  const layout = await fillLayout(dir, images, annotations);
  const manifest = [{ Config: layout.blobPath(img.configDigest), RepoTags: name ? [name] : [], Layers: img.layers.map((l) => layout.blobPath(l.digest)) }];
  await writeFile(join(dir, 'manifest.json'), canonicalJson(manifest));
  return layout.digest;
}

export async function writeImage(target: string, images: BuiltImage[], options: WriteOptions = {}): Promise<WrittenImage> {
  const t = parseWriteTarget(target);
  checkImages(images);
  let digest!: string;
  switch (t.kind) {
    case 'oci':
      await writeDirAtomic(t.path, async (dir, existing) => {
        const keep = existing ? await carryOver(existing, dir, t.tag) : [];
        digest = (await fillLayout(dir, images, t.tag ? { [REF_NAME]: t.tag } : {}, keep)).digest;
      });
      break;
    case 'oci-archive':
      digest = await writeArchive(t.path, images, async (dir) => (await fillLayout(dir, images, t.tag ? { [REF_NAME]: t.tag } : {})).digest);
      break;
    case 'docker-archive':
      checkOnePlatform(images);
      digest = await writeArchive(t.path, images, (dir) => fillDockerArchive(dir, images, t.name));
      break;
    case 'registry':
      digest = await pushImages(t.ref, images, options);
      break;
  }
  return { digest, target };
}
