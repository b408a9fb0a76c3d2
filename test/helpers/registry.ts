/**
 * A real registry for tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1 with filesystem storage in a
 * temp dir, optionally behind htpasswd (basic) or token (bearer) auth, plus a push helper speaking the
 * distribution API with plain HTTP PUTs. Start it in `before`, stop it in `after` (stop kills and cleans up).
 */
import { execFileSync } from 'node:child_process';
import { createSign, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { freePort, type LocalRegistry, startLocalRegistry } from '../../src/engine/registry.js';
import type { Image } from '../../src/image/types.js';
import type { WrittenImage, WrittenLayout } from './image-writer.js';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

export interface RegistryOptions {
  /** htpasswd: basic auth; token: bearer tokens from a small JWT token server run here (real registry-side checks). */
  auth?: 'htpasswd' | 'token';
  /** user → password, for either auth. */
  users?: Record<string, string>;
}

export interface TokenRequest {
  /** The Authorization header the token server received (tests check what the client sent). */
  authorization?: string;
  scope: string[];
  service?: string;
  method: string;
}

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, what references start with. */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  dir: string;
  /** Credentials the push helper uses (the first user) when the registry has auth. */
  pushAuth?: { username: string; password: string };
  /** Requests the token server saw (token auth only). */
  tokenRequests: TokenRequest[];
  stop(): Promise<void>;
}

export { freePort };

/**
 * A token scope (`repository:team/app:pull,push`) split up; the actions sorted, since registries list them in any
 * order (distribution 2.8 builds its challenge's scope from a Go map: `push,pull` about one time in eight).
 */
export function parseScope(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const actions = scope.slice(last + 1).split(',').filter(Boolean).sort();
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

/** Whether some token request asked for exactly these actions on the repository, in whatever order. */
export function askedForActions(requests: TokenRequest[], repository: string, actions: string[]): boolean {
  const wanted = [...actions].sort().join(',');
  return requests.some((r) =>
    r.scope.some((s) => {
      const p = parseScope(s);
      return p?.type === 'repository' && p.name === repository && p.actions.join(',') === wanted;
    }),
  );
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** A token server issuing RS256 JWTs that distribution's `auth: token` accepts (x5c header, issuer, audience, access). */
async function startTokenServer(dir: string, users: Record<string, string>, requests: TokenRequest[]): Promise<{ server: Server; realm: string; certFile: string }> {
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-subj', '/CN=whittle-test-token', '-days', '2'], { stdio: 'ignore' });
  const key = readFileSync(keyFile, 'utf8');
  const certDer = new X509Certificate(readFileSync(certFile)).raw;
  const server = createHttpServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://token-server');
    const scope = url.searchParams.getAll('scope');
    requests.push({ ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), scope, service: url.searchParams.get('service') ?? undefined, method: req.method ?? 'GET' });
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const [u, ...p] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
      if (u !== undefined && users[u] !== undefined && users[u] === p.join(':')) user = u;
      else {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ details: 'bad credentials' }));
        return;
      }
    }
    // Anonymous callers get a token without access: the registry then refuses them.
    const access = user
      ? scope.flatMap((s) => {
          const p = parseScope(s);
          return p?.type === 'repository' && p.name ? [{ type: p.type, name: p.name, actions: p.actions.filter((a) => a === 'pull' || a === 'push') }] : [];
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer.toString('base64')] };
    const claims = { iss: 'whittle-test-issuer', sub: user ?? '', aud: 'whittle-test-registry', exp: now + 600, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${signingInput}.${base64url(signature)}`, expires_in: 600 }));
  });
  // Port 0: the kernel picks and binds at once (a port picked first could be taken by another test file before listen).
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const addr = server.address();
  if (typeof addr !== 'object' || !addr) throw new Error(`token server: no address after listen (${String(addr)})`);
  return { server, realm: `http://127.0.0.1:${addr.port}/token`, certFile };
}

/** A self-signed key and certificate (PEM) for 127.0.0.x, made with openssl. */
export function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const keyFile = join(dir, 'tls.key');
  const certFile = join(dir, 'tls.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-subj', '/CN=whittle-test', '-days', '2', '-addext', 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2'], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

/** Starts docker-registry on a free port (the production starter: ready when this registry, not another server, answers /v2/; killed at exit). */
export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-registry-'));
  const users = opts.users ?? { whittle: 's3cret-pass' };
  const tokenRequests: TokenRequest[] = [];
  let tokenServer: Server | undefined;
  let authYaml = '';
  if (opts.auth === 'htpasswd') {
    const htpasswd = join(dir, 'htpasswd');
    writeFileSync(htpasswd, '');
    for (const [u, p] of Object.entries(users)) execFileSync('htpasswd', ['-B', '-b', htpasswd, u, p], { stdio: 'ignore' });
    authYaml = `auth:\n  htpasswd:\n    realm: whittle-test\n    path: ${htpasswd}\n`;
  } else if (opts.auth === 'token') {
    const t = await startTokenServer(dir, users, tokenRequests);
    tokenServer = t.server;
    authYaml = `auth:\n  token:\n    realm: ${t.realm}\n    service: whittle-test-registry\n    issuer: whittle-test-issuer\n    rootcertbundle: ${t.certFile}\n`;
  }
  const closeTokenServer = async (): Promise<void> => {
    if (tokenServer) await new Promise((resolve) => tokenServer!.close(resolve));
  };
  // Blob deletion on: tests delete blobs to see how a missing one is reported. The starter adds the http section.
  const config = (d: string): string =>
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(d, 'data')}\n  delete:\n    enabled: true\n${authYaml}`;
  let registry: LocalRegistry;
  try {
    registry = await startLocalRegistry(REGISTRY_BIN, 20_000, { dir, config });
  } catch (e) {
    await closeTokenServer();
    throw e;
  }
  const first = Object.entries(users)[0];
  return {
    host: registry.host,
    url: `http://${registry.host}`,
    dir,
    ...(opts.auth && first ? { pushAuth: { username: first[0], password: first[1] } } : {}),
    tokenRequests,
    stop: async () => {
      await registry.stop();
      await closeTokenServer();
    },
  };
}

/** A minimal authenticated HTTP client for pushing (basic, or bearer with push scope from the challenge). */
class Pusher {
  private authorization: string | undefined;
  constructor(
    private readonly registry: RunningRegistry,
    private readonly repository: string,
  ) {}

  async request(method: string, pathOrUrl: string, body?: Buffer | Readable, headers: Record<string, string> = {}): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.registry.url}${pathOrUrl}`;
    const send = () =>
      fetch(url, {
        method,
        headers: { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) },
        ...(body instanceof Readable ? { body: Readable.toWeb(body) as unknown as RequestInit['body'], duplex: 'half' } : body ? { body } : {}),
      } as RequestInit);
    let res = await send();
    // A stream cannot be sent twice: authenticate first (HEAD/POST always come before a streamed PUT).
    if (res.status === 401 && this.registry.pushAuth) {
      await res.body?.cancel();
      await this.authenticate(res.headers.get('www-authenticate') ?? '');
      res = await send();
    }
    return res;
  }

  private async authenticate(challenge: string): Promise<void> {
    const { username, password } = this.registry.pushAuth!;
    const basic = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
    if (/^basic/i.test(challenge)) {
      this.authorization = basic;
      return;
    }
    const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
    const service = /service="([^"]+)"/.exec(challenge)?.[1];
    if (!realm) throw new Error(`push: unexpected challenge ${challenge}`);
    const u = new URL(realm);
    if (service) u.searchParams.set('service', service);
    u.searchParams.set('scope', `repository:${this.repository}:pull,push`);
    const res = await fetch(u, { headers: { authorization: basic } });
    if (!res.ok) throw new Error(`push: token server answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    this.authorization = `Bearer ${((await res.json()) as { token: string }).token}`;
  }

  async pushBlob(digest: string, data: Buffer | (() => Promise<Readable>)): Promise<void> {
    const head = await this.request('HEAD', `/v2/${this.repository}/blobs/${digest}`);
    if (head.status === 200) return;
    await head.body?.cancel();
    const start = await this.request('POST', `/v2/${this.repository}/blobs/uploads/`);
    const startText = await start.text();
    if (start.status !== 202) throw new Error(`push: starting upload of ${digest} answered ${start.status}: ${startText.slice(0, 300)}`);
    const location = new URL(start.headers.get('location')!, this.registry.url);
    location.searchParams.set('digest', digest);
    // Streams (big layers) go up chunked without being held in memory.
    const body = Buffer.isBuffer(data) ? data : await data();
    const put = await this.request('PUT', location.toString(), body, { 'content-type': 'application/octet-stream' });
    const text = await put.text();
    if (put.status !== 201) throw new Error(`push: uploading ${digest} answered ${put.status}: ${text}`);
  }

  async pushManifest(reference: string, mediaType: string, raw: Buffer): Promise<void> {
    const res = await this.request('PUT', `/v2/${this.repository}/manifests/${reference}`, raw, { 'content-type': mediaType });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`push: manifest ${reference} answered ${res.status}: ${text}`);
  }
}

async function pushWritten(p: Pusher, img: WrittenImage, blobs: Map<string, Buffer>): Promise<void> {
  await p.pushBlob(img.configDigest, blobs.get(img.configDigest) ?? img.rawConfig);
  for (const l of img.layers) await p.pushBlob(l.digest, blobs.get(l.digest) ?? l.blob);
}

/**
 * Pushes a layout written by the image writer: every image (and attestation) manifest by digest, then the top
 * entry (an index or the single manifest) under `tag`. Returns the digest the tag points at.
 */
export async function pushLayout(registry: RunningRegistry, repository: string, layout: WrittenLayout, tag: string): Promise<string> {
  const p = new Pusher(registry, repository);
  for (const img of layout.images) {
    await pushWritten(p, img, layout.blobs);
    await p.pushManifest(img.digest, img.manifest.mediaType!, img.rawManifest);
  }
  if (layout.rawIndex && layout.indexDigest) {
    // Attestation manifests and their blobs are in the layout's blob map: push what the index names.
    const index = JSON.parse(layout.rawIndex.toString()) as { mediaType: string; manifests: Array<{ digest: string; mediaType: string }> };
    for (const d of index.manifests) {
      if (layout.images.some((i) => i.digest === d.digest)) continue;
      const raw = layout.blobs.get(d.digest)!;
      const m = JSON.parse(raw.toString()) as { config: { digest: string }; layers: Array<{ digest: string }> };
      for (const b of [m.config, ...m.layers]) await p.pushBlob(b.digest, layout.blobs.get(b.digest)!);
      await p.pushManifest(d.digest, d.mediaType, raw);
    }
    await p.pushManifest(tag, index.mediaType, layout.rawIndex);
    return layout.indexDigest;
  }
  const img = layout.images[0]!;
  await p.pushManifest(tag, img.manifest.mediaType!, img.rawManifest);
  return img.digest;
}

/** Pushes an opened Image (any source): its layers streamed in, its config and manifest byte for byte. */
export async function pushImage(registry: RunningRegistry, repository: string, image: Image, tag: string): Promise<string> {
  if (!image.rawConfig) throw new Error('pushImage: the image has no rawConfig');
  const p = new Pusher(registry, repository);
  await p.pushBlob(image.configDigest, image.rawConfig);
  // The registry checks each upload against its digest, so a layer that does not match fails the push.
  for (const layer of image.layers) await p.pushBlob(layer.digest, () => layer.open());
  await p.pushManifest(tag, image.manifest.mediaType ?? 'application/vnd.oci.image.manifest.v1+json', image.rawManifest);
  return image.digest;
}

export interface ProxyRequest {
  method: string;
  url: string;
  authorization?: string;
  range?: string;
}

export interface RunningProxy {
  host: string;
  url: string;
  requests: ProxyRequest[];
  stop(): Promise<void>;
}

/**
 * A forwarding HTTP proxy in front of a registry, for fault injection: `intercept` may answer a request itself
 * (return true) — a 503, a 429, a dropped connection, a redirect — otherwise the request goes to the registry.
 */
export async function startProxy(
  target: RunningRegistry,
  intercept: (req: IncomingMessage, res: import('node:http').ServerResponse, count: number) => boolean = () => false,
  bindAddress = '127.0.0.1',
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string },
): Promise<RunningProxy> {
  const { request } = await import('node:http');
  const { createServer: createHttpsServer } = await import('node:https');
  const [targetHost, targetPort] = target.host.split(':') as [string, string];
  const requests: ProxyRequest[] = [];
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers.range ? { range: req.headers.range } : {}),
    });
    if (intercept(req, res, requests.length)) return;
    const upstream = request({ host: targetHost, port: Number(targetPort), path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, bindAddress, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    host: `${bindAddress}:${port}`,
    url: `${tls ? 'https' : 'http'}://${bindAddress}:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
