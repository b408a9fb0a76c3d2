/**
 * HTTP GET for the archive with Node's fetch: a timeout for each attempt, a couple of retries on network
 * errors and 5xx, and one-line InputErrors that name the URL. No credentials are ever added or printed.
 */
import { InputError } from '../../core/errors.js';

export interface HttpOptions {
  /** Per attempt, until the response headers arrive (ms; default WHITTLE_HTTP_TIMEOUT seconds, else 30 s). */
  timeoutMs?: number;
  /** Silence allowed while reading the body (ms; default the same). */
  idleTimeoutMs?: number;
  /** Attempts after the first (default 2). */
  retries?: number;
}

export class HttpStatusError extends InputError {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${redact(url)}: HTTP ${status}`);
  }
}

/** URLs come from user config; strip any user:password before they reach a message. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^/@]*@/i, '$1');
}

function reasonOf(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}

/** WHITTLE_HTTP_TIMEOUT (seconds) sets both timeouts, for slow links (and tests of stalled servers). */
export function defaultTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.WHITTLE_HTTP_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A response with a 2xx status and a body; 404 and other 4xx fail at once, network errors and 5xx are retried. */
export async function httpGet(url: string, options: HttpOptions = {}): Promise<Response> {
  const retries = options.retries ?? 2;
  let lastError: InputError | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(300 * 2 ** (attempt - 1));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), options.timeoutMs ?? defaultTimeoutMs());
    try {
      const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
      if (response.ok && response.body) return response;
      await response.body?.cancel().catch(() => {});
      lastError = new HttpStatusError(url, response.status);
      if (response.status < 500) throw lastError;
    } catch (err) {
      if (err instanceof HttpStatusError && err.status < 500) throw err;
      lastError = err instanceof InputError ? err : new InputError(`cannot fetch ${redact(url)}: ${reasonOf(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
  throw lastError!;
}

/** The body as chunks, failing when the server stays silent longer than the idle timeout. */
export async function* bodyChunks(response: Response, url: string, idleTimeoutMs = defaultTimeoutMs()): AsyncGenerator<Uint8Array> {
  const reader = response.body!.getReader();
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new InputError(`cannot fetch ${redact(url)}: no data for ${idleTimeoutMs / 1000} s`)), idleTimeoutMs);
      });
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await Promise.race([reader.read(), idle]);
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(`cannot fetch ${redact(url)}: ${reasonOf(err)}`);
      } finally {
        clearTimeout(timer);
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** The whole body in memory (indexes, Release files), retried as a whole when the transfer breaks. */
export async function httpGetBytes(url: string, options: HttpOptions = {}): Promise<Buffer> {
  const retries = options.retries ?? 2;
  for (let attempt = 0; ; attempt++) {
    const response = await httpGet(url, options);
    try {
      const chunks: Uint8Array[] = [];
      for await (const chunk of bodyChunks(response, url, options.idleTimeoutMs)) chunks.push(chunk);
      return Buffer.concat(chunks);
    } catch (err) {
      if (attempt >= retries) throw err;
    }
  }
}
