/**
 * The registry source: a reference → manifest (by tag or pinned digest, with Docker schema 2 and OCI Accept
 * headers) → the platform's image → config, all verified; layers stream straight from the network.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InputError } from '../../core/errors.js';
import { manifestAccept } from '../media-types.js';
import { apiHost, formatReference, parseReference, type ImageReference } from '../reference.js';
import { type BlobStore, imageFromManifestBytes } from '../resolve.js';
import type { Descriptor, Image, Platform } from '../types.js';
import { Limits, digestOf, readAll, verifyBuffer } from '../verify.js';
import { RegistryClient, type ClientOptions } from './client.js';
import { findCredentials } from './credentials.js';

export interface RegistryOpenOptions {
  reference: string;
  platform?: Platform;
  insecure?: boolean;
  authFiles?: string[];
  env?: NodeJS.ProcessEnv;
  /** Retry tuning (tests make backoff short). */
  retry?: Pick<ClientOptions, 'attempts' | 'backoffMs' | 'maxDelayMs' | 'timeoutMs'>;
}

function toNodeStream(res: Response): Readable {
  if (!res.body) return Readable.from([]);
  return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
}

function causeOf(err: unknown): string {
  const e = err as { cause?: { code?: string }; code?: string; message?: string };
  return e.cause?.code ?? e.code ?? e.message ?? 'error';
}

/** Blobs and manifests of one repository. */
export class RegistryStore implements BlobStore {
  readonly location: string;
  constructor(
    readonly client: RegistryClient,
    private readonly resumeAttempts = 3,
  ) {
    this.location = client.display;
  }

  private async get(kind: 'blobs' | 'manifests', desc: Descriptor, headers?: Record<string, string>): Promise<Response> {
    const res = await this.client.request(`${kind}/${desc.digest}`, {
      ...(kind === 'manifests' ? { accept: desc.mediaType ? `${desc.mediaType}, ${manifestAccept}` : manifestAccept } : {}),
      ...(headers ? { headers } : {}),
    });
    if (res.status === 404) {
      await res.body?.cancel();
      throw new InputError(`${kind === 'blobs' ? 'blob' : 'manifest'} ${desc.digest} not found in ${this.location}`);
    }
    if (!res.ok && res.status !== 206) {
      await res.body?.cancel();
      throw new InputError(`${this.location}: fetching ${kind === 'blobs' ? 'blob' : 'manifest'} ${desc.digest} failed (HTTP ${res.status})`);
    }
    return res;
  }

  /**
   * The blob streamed from the network. When the connection breaks mid-blob, the rest is asked for with a Range
   * request (a bounded number of times), so a long layer download survives a reset without starting over.
   */
  async openBlob(desc: Descriptor): Promise<Readable> {
    const first = await this.get('blobs', desc);
    return Readable.from(this.resumable(desc, first), { objectMode: false });
  }

  private async *resumable(desc: Descriptor, first: Response): AsyncGenerator<Buffer> {
    let res: Response = first;
    let offset = 0;
    for (let resumes = 0; ; ) {
      try {
        if (!res.body) return;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          offset += chunk.length;
          yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        }
        return;
      } catch (err) {
        if (err instanceof InputError) throw err;
        if (++resumes > this.resumeAttempts || offset >= desc.size) {
          throw new InputError(`blob ${desc.digest} from ${this.location}: connection broke after ${offset} of ${desc.size} bytes (${causeOf(err)})`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await this.get('blobs', desc, { range: `bytes=${offset}-` });
      const range = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
      if (res.status !== 206 || !range || Number(range[1]) !== offset) {
        await res.body?.cancel();
        throw new InputError(`blob ${desc.digest} from ${this.location}: connection broke after ${offset} bytes and the registry cannot resume it`);
      }
    }
  }

  async openManifest(desc: Descriptor): Promise<Readable> {
    return toNodeStream(await this.get('manifests', desc));
  }

  async peekBlob(desc: Descriptor, n: number): Promise<Buffer> {
    const res = await this.get('blobs', desc, { range: `bytes=0-${n - 1}` });
    // A registry that ignores Range sends the whole blob: keep the first bytes and hang up.
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body?.getReader();
    if (!reader) return Buffer.alloc(0);
    try {
      while (total < n) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
        total += value.length;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(chunks).subarray(0, n);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Fetches the manifest a tag or digest names; verified against the digest when pinned, and against Docker-Content-Digest when sent. */
async function fetchRootManifest(client: RegistryClient, ref: ImageReference): Promise<{ raw: Buffer; digest: string; mediaType?: string }> {
  const target = ref.digest ?? ref.tag!;
  const res = await client.request(`manifests/${target}`, { accept: manifestAccept });
  const what = `manifest ${formatReference(ref)}`;
  if (res.status === 404) {
    await res.body?.cancel();
    throw new InputError(`${what}: not found`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new InputError(`${what}: registry answered HTTP ${res.status}`);
  }
  const length = Number(res.headers.get('content-length'));
  if (Number.isFinite(length) && length > Limits.manifest) {
    await res.body?.cancel();
    throw new InputError(`${what}: ${length} bytes is larger than the ${Limits.manifest}-byte limit`);
  }
  const raw = await readAll(toNodeStream(res), Limits.manifest, what);
  let digest: string;
  if (ref.digest) {
    verifyBuffer(raw, ref.digest, undefined, what);
    digest = ref.digest;
  } else {
    digest = digestOf(raw);
    const stated = res.headers.get('docker-content-digest');
    if (stated && stated.startsWith('sha256:') && stated !== digest) {
      throw new InputError(`${what}: digest mismatch: the registry says ${stated}, the bytes hash to ${digest}`);
    }
  }
  const contentType = res.headers.get('content-type')?.split(';')[0]?.trim();
  return { raw, digest, ...(contentType ? { mediaType: contentType } : {}) };
}

export async function openRegistryImage(text: string, opts: RegistryOpenOptions): Promise<Image> {
  const ref = parseReference(text);
  const client = new RegistryClient(apiHost(ref), ref.repository, {
    ...(opts.insecure ? { insecure: true } : {}),
    credentials: () => findCredentials(ref.registry, ref.repository, { ...(opts.authFiles ? { authFiles: opts.authFiles } : {}), ...(opts.env ? { env: opts.env } : {}) }),
    ...opts.retry,
  });
  const store = new RegistryStore(client);
  try {
    const root = await fetchRootManifest(client, ref);
    return await imageFromManifestBytes(
      { store, reference: opts.reference, source: 'registry', ...(opts.platform ? { platform: opts.platform } : {}) },
      root.raw,
      root.digest,
      `manifest ${formatReference(ref)}`,
      root.mediaType,
    );
  } catch (err) {
    await store.close();
    throw err;
  }
}
