/**
 * Pushing to a registry with the distribution API v2, through the same client as `whittle inspect` (auth,
 * retries, redaction): each blob is checked with HEAD and, when missing, uploaded monolithically (POST, then
 * PUT ?digest= with the whole blob streamed from disk); then manifests, and an index for several platforms.
 */
import { createReadStream } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { MediaType } from '../media-types.js';
import { apiHost, formatReference, type ImageReference } from '../reference.js';
import { RegistryClient } from '../registry/client.js';
import { findCredentials } from '../registry/credentials.js';
import { checkImages, imageIndex } from './layout.js';
import type { BuiltImage, WriteOptions } from './types.js';

async function failure(res: Response, what: string, client: RegistryClient): Promise<InputError> {
  let detail = '';
  try {
    const body = (await res.json()) as { errors?: { code?: string; message?: string }[] };
    detail = (body.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
  } catch {
    // not a distribution error body
  }
  return new InputError(`${client.display}: ${what} failed (HTTP ${res.status})${detail ? `: ${detail.slice(0, 300)}` : ''}`);
}

async function blobExists(client: RegistryClient, digest: string): Promise<boolean> {
  const res = await client.request(`blobs/${digest}`, { method: 'HEAD' });
  await res.body?.cancel();
  if (res.status === 200) return true;
  if (res.status === 404) return false;
  throw await failure(res, `checking blob ${digest}`, client);
}

/** Upload sessions that a broken PUT can leave unusable (data half appended, session expired): start over. */
const UPLOAD_RESTARTS = 3;
const restartable = new Set([400, 404, 416]);

export async function pushBlob(client: RegistryClient, digest: string, size: number, body: Buffer | (() => ReturnType<typeof createReadStream>)): Promise<void> {
  if (await blobExists(client, digest)) return;
  for (let attempt = 1; ; attempt++) {
    const put = await uploadOnce(client, digest, size, body);
    if (put.status === 201) {
      await put.body?.cancel();
      return;
    }
    if (!restartable.has(put.status) || attempt >= UPLOAD_RESTARTS) throw await failure(put, `uploading blob ${digest}`, client);
    await put.body?.cancel();
  }
}

async function uploadOnce(client: RegistryClient, digest: string, size: number, body: Buffer | (() => ReturnType<typeof createReadStream>)): Promise<Response> {
  const start = await client.request('blobs/uploads/', { method: 'POST', headers: { 'content-length': '0' } });
  if (start.status !== 202) throw await failure(start, `starting the upload of ${digest}`, client);
  await start.body?.cancel();
  const location = start.headers.get('location');
  if (!location) throw new InputError(`${client.display}: the registry started an upload without a Location`);
  const url = new URL(location, client.url(''));
  url.searchParams.set('digest', digest);
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (Buffer.isBuffer(body)) headers['content-length'] = String(size);
  return client.request(url.toString(), { method: 'PUT', headers, body });
}

async function pushManifest(client: RegistryClient, reference: string, mediaType: string, bytes: Buffer, digest: string): Promise<void> {
  const res = await client.request(`manifests/${reference}`, { method: 'PUT', headers: { 'content-type': mediaType }, body: bytes });
  if (res.status !== 201 && res.status !== 200) throw await failure(res, `putting manifest ${reference}`, client);
  await res.body?.cancel();
  // A registry that stored other bytes than those sent would give pullers another digest than the one reported.
  const stored = res.headers.get('docker-content-digest');
  if (stored && stored !== digest) throw new InputError(`${client.display}: the registry stored manifest ${reference} as ${stored}, not ${digest}`);
}

/** Pushes the images; returns the digest clients pull (the manifest's, or the index's for several images). */
export async function pushImages(ref: ImageReference, images: BuiltImage[], options: WriteOptions = {}): Promise<string> {
  checkImages(images);
  if (ref.digest) throw new InputError(`cannot push to ${formatReference(ref)}: name a tag, not a digest (the digest comes from the content)`);
  const client = new RegistryClient(apiHost(ref), ref.repository, {
    ...(options.insecure ? { insecure: true } : {}),
    credentials: () => findCredentials(ref.registry, ref.repository, options.authFiles ? { authFiles: options.authFiles } : {}),
  });
  try {
    const pushed = new Set<string>();
    for (const img of images) {
      for (const layer of img.layers) {
        if (pushed.has(layer.digest)) continue;
        await pushBlob(client, layer.digest, layer.size, () => createReadStream(layer.file));
        pushed.add(layer.digest);
      }
      if (!pushed.has(img.configDigest)) await pushBlob(client, img.configDigest, img.config.length, img.config);
      pushed.add(img.configDigest);
    }
    const tag = ref.tag ?? 'latest';
    if (images.length === 1) {
      await pushManifest(client, tag, MediaType.OciManifest, images[0]!.manifest, images[0]!.manifestDigest);
      return images[0]!.manifestDigest;
    }
    for (const img of images) await pushManifest(client, img.manifestDigest, MediaType.OciManifest, img.manifest, img.manifestDigest);
    const index = imageIndex(images);
    await pushManifest(client, tag, MediaType.OciIndex, index.bytes, index.digest);
    return index.digest;
  } finally {
    await client.close();
  }
}
