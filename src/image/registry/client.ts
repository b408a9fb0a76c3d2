/**
 * A small client of the distribution API v2 (Node's fetch): scheme choice (plain HTTP for localhost, --insecure),
 * token and basic auth from WWW-Authenticate challenges, bounded retries with exponential backoff on 429/5xx and
 * broken connections, and redirects followed by hand so Authorization never leaves the registry's host.
 */
import { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { isLocalRegistry } from '../reference.js';
import type { Credentials } from './credentials.js';

export interface ClientOptions {
  /** Allow plain HTTP and unverified TLS. */
  insecure?: boolean;
  /** Loaded on the first challenge (running a credential helper is not free). */
  credentials?: () => Promise<Credentials | undefined>;
  /** Attempts per request on 429/5xx/broken connections (default 5). */
  attempts?: number;
  /** First backoff delay in ms, doubled each retry (default 250). */
  backoffMs?: number;
  /** Longest single wait (default 10 s), also caps Retry-After. */
  maxDelayMs?: number;
  /** How long to wait for a response's headers before counting the attempt as broken (default 30 s). */
  timeoutMs?: number;
}

export interface RequestOptions {
  /** PUT, POST and PATCH are for pushing (src/image/write/push.ts). */
  method?: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH';
  accept?: string;
  headers?: Record<string, string>;
  /** A request body: bytes, or a function opening a fresh stream (called again for each retry). */
  body?: Buffer | (() => Readable);
}

type FetchInit = { method: string; headers: Record<string, string>; body?: string | Buffer | (() => Readable); redirect?: 'manual' };

const retryableStatus = new Set([408, 429, 500, 502, 503, 504]);
const MAX_REDIRECTS = 5;
const MAX_UPLOAD_ANSWER = 1 << 20;
const USER_AGENT = 'whittle (+https://github.com/whittle)';

/** A URL as safe to print: no userinfo, no query string (storage redirects carry signatures there). */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(url.toString());
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Parses `Bearer realm="...",service="...",scope="..."` (or Basic). */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of (space === -1 ? '' : header.slice(space + 1)).matchAll(re)) params[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  return { scheme, params };
}

/** Why a bearer challenge refused a token (`error="insufficient_scope"`, the scope it wants), for the message; no secrets in it. */
function refusal(challenge: string | null): string {
  const { params } = parseChallenge(challenge ?? '');
  if (!params.error) return '';
  return `: the registry says ${params.error.slice(0, 100)}${params.scope ? ` for ${params.scope.slice(0, 200)}` : ''}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function networkCode(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; code?: string; message?: string };
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}

/**
 * The undici package, for what Node's fetch cannot do. Loading it installs its own process-wide dispatcher under
 * the symbol Node's fetch reads, so Node's dispatcher is put back: the rest of the process keeps the fetch it had.
 */
let undiciModule: Promise<typeof import('undici')> | undefined;
function loadUndici(): Promise<typeof import('undici')> {
  undiciModule ??= (async () => {
    const slot = Symbol.for('undici.globalDispatcher.1');
    const global = globalThis as unknown as Record<symbol, unknown>;
    // Node sets up its dispatcher on its first fetch: make that happen now (a data: URL needs no network).
    await fetch('data:,').then((r) => r.arrayBuffer());
    const nodeDispatcher = global[slot];
    const u = await import('undici');
    if (nodeDispatcher !== undefined) global[slot] = nodeDispatcher;
    return u;
  })();
  return undiciModule;
}

export class RegistryClient {
  private scheme: 'https' | 'http';
  /** Whether the scheme is settled (insecure registries try https, then fall back to http once). */
  private schemeSettled: boolean;
  private authorization: string | undefined;
  private credentials: Credentials | undefined | null = null;
  /** Only for --insecure: undici's own fetch with an agent that skips TLS verification (loaded lazily, see insecureFetch). */
  private insecure: Promise<typeof fetch> | undefined;
  private streaming: Promise<(url: string, init: FetchInit) => Promise<Response>> | undefined;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    /** The API host (`registry-1.docker.io`, `localhost:5000`). */
    readonly host: string,
    readonly repository: string,
    private readonly opts: ClientOptions = {},
  ) {
    const local = isLocalRegistry(host);
    this.scheme = local ? 'http' : 'https';
    this.schemeSettled = local || !opts.insecure;
    this.attempts = Math.max(1, opts.attempts ?? 5);
    this.backoffMs = opts.backoffMs ?? 250;
    this.maxDelayMs = opts.maxDelayMs ?? 10_000;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Where messages say the image is. */
  get display(): string {
    return `${this.host}/${this.repository}`;
  }

  /** The URL of `/v2/<repository>/<path>`; an absolute URL (an upload's Location) is used as it is. */
  url(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    return `${this.scheme}://${this.host}/v2/${this.repository}/${path}`;
  }

  async close(): Promise<void> {}

  /**
   * Node's built-in fetch cannot skip TLS verification per request; the undici package can (see loadUndici).
   */
  private fetcher(): Promise<typeof fetch> {
    if (!this.opts.insecure) return Promise.resolve(fetch);
    this.insecure ??= (async () => {
      const u = await loadUndici();
      const agent = new u.Agent({ connect: { rejectUnauthorized: false } });
      return ((url: string, init: object) => u.fetch(url, { ...init, dispatcher: agent })) as unknown as typeof fetch;
    })();
    return this.insecure;
  }

  /**
   * Requests whose body is a stream (blob uploads) go through undici's request(): fetch on Node 20 reads a stream
   * body ahead without bound (a 200 MB layer upload held 200 MB). It answers once the body is sent, so the header
   * timeout counts from then, not from the start of a long upload.
   */
  private streamer(): Promise<(url: string, init: FetchInit) => Promise<Response>> {
    this.streaming ??= (async () => {
      const u = await loadUndici();
      const agent = new u.Agent(this.opts.insecure ? { connect: { rejectUnauthorized: false } } : {});
      return async (url: string, init: FetchInit) => {
        const r = await u.request(url, {
          method: init.method as 'PUT',
          headers: init.headers,
          body: typeof init.body === 'function' ? init.body() : init.body,
          dispatcher: agent,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        });
        const headers = new Headers();
        for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        // Upload answers are small (an error document at most): read them whole, up to a bound.
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of r.body as AsyncIterable<Buffer>) {
          if ((size += chunk.length) > MAX_UPLOAD_ANSWER) {
            r.body.destroy();
            break;
          }
          chunks.push(chunk);
        }
        const empty = init.method === 'HEAD' || r.statusCode === 204 || r.statusCode === 304;
        return new Response(empty ? null : Buffer.concat(chunks), { status: r.statusCode, headers });
      };
    })();
    return this.streaming;
  }

  /**
   * A request to `/v2/<repository>/<path>` with auth, retries and redirects handled. Returns the final response
   * whatever its status (callers turn 404 and the like into their own messages); 401/403 after auth are errors here.
   */
  async request(path: string, opts: RequestOptions = {}): Promise<Response> {
    let res = await this.send(path, opts);
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate');
      await res.body?.cancel();
      if (!challenge) throw new InputError(`${this.display}: registry refused access (HTTP 401) without an authentication challenge`);
      await this.authenticate(challenge);
      res = await this.send(path, opts);
      if (res.status === 401) {
        await res.body?.cancel();
        throw new InputError(
          (await this.creds())
            ? `${this.display}: authentication failed (HTTP 401)${refusal(res.headers.get('www-authenticate'))}`
            : `${this.display}: access denied (HTTP 401): the repository does not exist or needs credentials, and none were found (docker login / podman login)`,
        );
      }
    }
    if (res.status === 403) {
      await res.body?.cancel();
      throw new InputError(`${this.display}: access denied (HTTP 403)`);
    }
    return res;
  }

  private async creds(): Promise<Credentials | undefined> {
    if (this.credentials === null) this.credentials = this.opts.credentials ? await this.opts.credentials() : undefined;
    return this.credentials;
  }

  private async authenticate(header: string): Promise<void> {
    const { scheme, params } = parseChallenge(header);
    const creds = await this.creds();
    if (scheme === 'basic') {
      if (!creds?.username && !creds?.password) throw new InputError(`${this.display}: the registry asks for a user name and password; none found (docker login / podman login)`);
      this.authorization = 'Basic ' + Buffer.from(`${creds.username ?? ''}:${creds.password ?? ''}`).toString('base64');
      return;
    }
    if (scheme !== 'bearer') throw new InputError(`${this.display}: unsupported authentication scheme ${scheme}`);
    if (creds?.registryToken) {
      this.authorization = `Bearer ${creds.registryToken}`;
      return;
    }
    const realm = params.realm;
    if (!realm) throw new InputError(`${this.display}: bearer challenge without a realm`);
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new InputError(`${this.display}: bearer challenge with an invalid realm`);
    }
    const sendsSecret = Boolean(creds?.password || creds?.identityToken);
    if (sendsSecret && realmUrl.protocol !== 'https:' && !isLocalRegistry(realmUrl.host) && !this.opts.insecure) {
      throw new InputError(`${this.display}: refusing to send credentials to a token service over plain HTTP (${redactUrl(realmUrl)}); use --insecure if this is intended`);
    }
    const scope = params.scope ?? `repository:${this.repository}:pull`;
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    let res: Response;
    if (creds?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: 'whittle', scope });
      if (params.service) form.set('service', params.service);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      res = await this.fetchRetrying(realmUrl.toString(), { method: 'POST', headers, body: form.toString() });
    } else {
      if (params.service) realmUrl.searchParams.set('service', params.service);
      for (const s of scope.split(' ')) realmUrl.searchParams.append('scope', s);
      if (creds?.username !== undefined || creds?.password !== undefined) {
        headers.authorization = 'Basic ' + Buffer.from(`${creds.username ?? ''}:${creds.password ?? ''}`).toString('base64');
      }
      res = await this.fetchRetrying(realmUrl.toString(), { method: 'GET', headers });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new InputError(`${this.display}: token service ${redactUrl(realmUrl)} refused (HTTP ${res.status})${creds ? '' : ': no credentials found'}`);
    }
    let body: { token?: string; access_token?: string };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new InputError(`${this.display}: token service ${redactUrl(realmUrl)} did not answer JSON`);
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new InputError(`${this.display}: token service ${redactUrl(realmUrl)} answered without a token`);
    this.authorization = `Bearer ${token}`;
  }

  /** One logical request: scheme fallback, redirects (Authorization kept only on the registry's own origin). */
  private async send(path: string, opts: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...opts.headers };
    if (opts.accept) headers.accept = opts.accept;
    let url: string;
    let res: Response;
    const body = opts.body ? { body: opts.body } : {};
    // Authorization goes only to the registry's own origin (an upload Location may name another host).
    const authFor = (u: string) => (new URL(u).origin === new URL(this.url('')).origin ? this.withAuth(headers) : headers);
    try {
      url = this.url(path);
      res = await this.fetchRetrying(url, { method: opts.method ?? 'GET', headers: authFor(url), redirect: 'manual', ...body });
    } catch (err) {
      if (this.schemeSettled) throw err;
      this.scheme = 'http';
      this.schemeSettled = true;
      url = this.url(path);
      res = await this.fetchRetrying(url, { method: opts.method ?? 'GET', headers: authFor(url), redirect: 'manual', ...body });
    }
    this.schemeSettled = true;
    const origin = new URL(url).origin;
    for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.get('location'); hops++) {
      if (hops >= MAX_REDIRECTS) throw new InputError(`${this.display}: too many redirects for ${redactUrl(url)}`);
      const next = new URL(res.headers.get('location')!, url);
      await res.body?.cancel();
      if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new InputError(`${this.display}: redirect to unsupported URL ${redactUrl(next)}`);
      url = next.toString();
      const sameOrigin = next.origin === origin;
      res = await this.fetchRetrying(url, { method: opts.method ?? 'GET', headers: sameOrigin ? this.withAuth(headers) : headers, redirect: 'manual', ...body });
    }
    return res;
  }

  private withAuth(headers: Record<string, string>): Record<string, string> {
    return this.authorization ? { ...headers, authorization: this.authorization } : headers;
  }

  /** fetch with bounded retries: exponential backoff on broken connections, 408/429/5xx (Retry-After honoured, capped). */
  private async fetchRetrying(url: string, init: FetchInit): Promise<Response> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (attempt > 0) await sleep(Math.min(this.maxDelayMs, this.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2)));
      let res: Response;
      // A server that accepts the connection and never answers must not hang whittle: time out the headers.
      const abort = new AbortController();
      const streamed = typeof init.body === 'function';
      const timer = streamed ? undefined : setTimeout(() => abort.abort(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      try {
        res = streamed ? await (await this.streamer())(url, init) : await (await this.fetcher())(url, { ...init, signal: abort.signal } as RequestInit);
      } catch (err) {
        lastError = abort.signal.aborted ? abort.signal.reason : err;
        if (!this.schemeSettled) throw err; // let send() try plain HTTP at once
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (!retryableStatus.has(res.status) || attempt === this.attempts - 1) return res;
      const retryAfter = Number(res.headers.get('retry-after'));
      await res.body?.cancel();
      if (Number.isFinite(retryAfter) && retryAfter > 0) await sleep(Math.min(this.maxDelayMs, retryAfter * 1000));
    }
    throw new InputError(`${this.display}: cannot reach ${redactUrl(url)} after ${this.attempts} attempts (${networkCode(lastError)})`);
  }
}
