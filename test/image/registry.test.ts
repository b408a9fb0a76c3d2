/**
 * The registry source against a real registry (Debian's docker-registry on 127.0.0.1): anonymous, htpasswd (basic)
 * and token (bearer) auth, credentials from auth files and credential helpers, retries, redirects, verification.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { MediaType } from '../../src/image/media-types.js';
import { openImage } from '../../src/image/open.js';
import { openRegistryImage } from '../../src/image/registry/source.js';
import { buildLayout, type TestEntry, type WrittenLayout } from '../helpers/image-writer.js';
import { type RunningRegistry, pushImage, pushLayout, selfSignedCertificate, startProxy, startRegistry } from '../helpers/registry.js';
import { readLayerVerified, tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);

const base: TestEntry[] = [{ path: 'etc/', type: 'dir' }, { path: 'etc/motd', content: 'registry test\n' }];
const app: TestEntry[] = [{ path: 'opt/app/bin', content: Buffer.alloc(8192, 5), mode: 0o755 }];
const fastRetry = { attempts: 3, backoffMs: 5, maxDelayMs: 20 };

describe('registry source: anonymous registry', () => {
  let reg: RunningRegistry;
  let single: WrittenLayout;
  let multi: WrittenLayout;
  let multiDigest: string;

  before(async () => {
    reg = await startRegistry();
    single = await buildLayout({ layers: [base, app], config: { config: { User: 'nobody' } } });
    await pushLayout(reg, 'team/app', single, '1.2');
    multi = await buildLayout({
      index: 'multi-platform',
      attestation: true,
      platforms: [
        { layers: [base], platform: { os: 'linux', architecture: 'amd64' } },
        { layers: [base, app], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
    multiDigest = await pushLayout(reg, 'team/multi', multi, 'latest');
    const docker = await buildLayout({ layers: [app], mediaTypes: 'docker', index: 'multi-platform', platforms: [{ layers: [app], mediaTypes: 'docker' }] });
    await pushLayout(reg, 'team/docker', docker, 'v1');
  });
  after(() => reg.stop());

  it('opens a tagged image and streams verified layers from the network', async () => {
    const ref = `${reg.host}/team/app:1.2`;
    const img = await openImage(ref);
    try {
      assert.equal(img.source, 'registry');
      assert.equal(img.reference, ref);
      assert.equal(img.digest, single.images[0]!.digest);
      assert.deepEqual(img.rawManifest, single.images[0]!.rawManifest);
      assert.deepEqual(img.rawConfig, single.images[0]!.rawConfig);
      assert.equal(img.config.config?.User, 'nobody');
      for (const layer of img.layers) assert.deepEqual(await readLayerVerified(layer), single.images[0]!.layers[layer.index]!.tar);
    } finally {
      await img.close();
    }
  });

  it('opens an image pinned by digest, and refuses a digest the registry does not have', async () => {
    const digest = single.images[0]!.digest;
    const img = await openImage(`registry:${reg.host}/team/app@${digest}`);
    assert.equal(img.digest, digest);
    await img.close();
    const other = `sha256:${'0'.repeat(64)}`;
    await assert.rejects(openImage(`${reg.host}/team/app@${other}`), /manifest 127.0.0.1:\d+\/team\/app@sha256:0+: not found/);
    await assert.rejects(openImage(`docker://${reg.host}/team/app:nope`), /manifest 127.0.0.1:\d+\/team\/app:nope: not found/);
  });

  it('selects a platform from a multi-platform index (attestation skipped), by tag and by index digest', async () => {
    const arm = await openImage(`${reg.host}/team/multi`, { platform: 'linux/arm64' });
    assert.equal(arm.digest, multi.images[1]!.digest);
    assert.deepEqual(arm.platform, { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.equal(arm.layers.length, 2);
    assert.deepEqual(await readLayerVerified(arm.layers[1]!), multi.images[1]!.layers[1]!.tar);
    const amd = await openImage(`${reg.host}/team/multi@${multiDigest}`, { platform: 'linux/amd64' });
    assert.equal(amd.digest, multi.images[0]!.digest);
    await assert.rejects(openImage(`${reg.host}/team/multi:latest`, { platform: 'linux/ppc64le' }), /no image for platform linux\/ppc64le \(available: linux\/amd64, linux\/arm64\/v8\)/);
  });

  it('reads Docker manifest lists and schema 2 manifests', async () => {
    const img = await openImage(`${reg.host}/team/docker:v1`);
    assert.equal(img.manifest.mediaType, MediaType.DockerManifest);
    assert.equal(img.layers[0]!.mediaType, MediaType.DockerLayerGzip);
    await readLayerVerified(img.layers[0]!);
  });

  it('pushes and re-opens an image from another source (push helper round trip)', async () => {
    const dir = join(tmp.dir, 'roundtrip');
    const { writeOciLayout } = await import('../helpers/image-writer.js');
    await writeOciLayout(dir, { layers: [base, [{ path: 'roundtrip', content: 'yes' }]] });
    const local = await openImage(`oci:${dir}`);
    const digest = await pushImage(reg, 'team/roundtrip', local, 'v9');
    const remote = await openImage(`${reg.host}/team/roundtrip:v9`);
    assert.equal(remote.digest, digest);
    assert.equal(remote.configDigest, local.configDigest);
  });

  it('pushes a legacy docker save image (streamed uncompressed layers) and reads it back', async () => {
    const { writeDockerArchive } = await import('../helpers/image-writer.js');
    const file = join(tmp.dir, 'legacy.tar');
    const w = await writeDockerArchive(file, { layers: [base, [{ path: 'big', content: Buffer.alloc(3 << 20, 1) }]], tag: 'legacy:1' });
    const local = await openImage(file);
    await pushImage(reg, 'team/legacy', local, 'v1');
    const remote = await openImage(`${reg.host}/team/legacy:v1`);
    assert.equal(remote.digest, local.digest);
    assert.equal(remote.layers[1]!.compression, 'none');
    assert.deepEqual(await readLayerVerified(remote.layers[1]!), w.images[0]!.layers[1]!.tar);
  });

  it('a layer blob the registry no longer has is a clear error when the layer is read', async () => {
    const layout = await buildLayout({ layers: [[{ path: 'deleted-later', content: 'soon gone' }]] });
    await pushLayout(reg, 'team/deleted', layout, 'v1');
    const layer = layout.images[0]!.layers[0]!;
    const del = await fetch(`${reg.url}/v2/team/deleted/blobs/${layer.digest}`, { method: 'DELETE' });
    assert.equal(del.status, 202);
    const img = await openImage(`${reg.host}/team/deleted:v1`);
    await assert.rejects(img.layers[0]!.open(), (e: unknown) => e instanceof InputError && e.message === `blob ${layer.digest} not found in ${reg.host}/team/deleted`);
  });

  it('catches bytes tampered with in the registry storage', async () => {
    const layout = await buildLayout({ layers: [[{ path: 'tamper-me', content: 'original content '.repeat(100) }]], compression: 'none' });
    await pushLayout(reg, 'team/tampered', layout, 't');
    const layer = layout.images[0]!.layers[0]!;
    const data = join(reg.dir, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256', layer.digest.slice(7, 9), layer.digest.slice(7), 'data');
    const bytes = readFileSync(data);
    bytes[700] = bytes[700]! ^ 0xff;
    writeFileSync(data, bytes);
    const img = await openImage(`${reg.host}/team/tampered:t`);
    await assert.rejects(readLayerVerified(img.layers[0]!), /layer 0: digest mismatch/);
    const cfg = layout.images[0]!.configDigest;
    const cfgFile = join(reg.dir, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256', cfg.slice(7, 9), cfg.slice(7), 'data');
    writeFileSync(cfgFile, Buffer.from(readFileSync(cfgFile).toString().replace('"amd64"', '"AMD64"')));
    await assert.rejects(openImage(`${reg.host}/team/tampered:t`), /config sha256:[a-f0-9]+: digest mismatch/);
  });

  it('retries 503 and 429 answers with backoff, and gives up after a bounded number of attempts', async () => {
    let failures = 0;
    const flaky = await startProxy(reg, (req, res) => {
      if (req.url?.includes('/manifests/') && failures < 2) {
        failures++;
        res.writeHead(failures === 1 ? 503 : 429, { 'retry-after': '0' });
        res.end();
        return true;
      }
      return false;
    });
    try {
      const img = await openRegistryImage(`${flaky.host}/team/app:1.2`, { reference: 'x', retry: fastRetry });
      assert.equal(img.digest, single.images[0]!.digest);
      assert.equal(flaky.requests.filter((r) => r.url.includes('/manifests/1.2')).length, 3);
    } finally {
      await flaky.stop();
    }
    const down = await startProxy(reg, (_req, res) => {
      res.writeHead(502);
      res.end();
      return true;
    });
    try {
      await assert.rejects(openRegistryImage(`${down.host}/team/app:1.2`, { reference: 'x', retry: fastRetry }), /registry answered HTTP 502/);
      assert.equal(down.requests.length, 3);
    } finally {
      await down.stop();
    }
  });

  it('retries broken connections, then reports the host without credentials', async () => {
    let dropped = 0;
    const dropping = await startProxy(reg, (req, res) => {
      if (req.url?.includes('/blobs/') && dropped < 1) {
        dropped++;
        res.socket?.destroy();
        return true;
      }
      return false;
    });
    try {
      const img = await openRegistryImage(`${dropping.host}/team/app:1.2`, { reference: 'x', retry: fastRetry });
      assert.equal(dropped, 1);
      await readLayerVerified(img.layers[0]!);
    } finally {
      await dropping.stop();
    }
    const gone = dropping.host; // nothing listens there any more
    await assert.rejects(openRegistryImage(`${gone}/team/app:1.2`, { reference: 'x', retry: fastRetry }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /cannot reach http:\/\/127.0.0.1:\d+\/v2\/team\/app\/manifests\/1.2 after 3 attempts \(ECONNREFUSED\)/);
      return true;
    });
  });

  it('resumes a layer download that breaks mid-blob with a Range request', async () => {
    const layer = single.images[0]!.layers[1]!;
    let cut = 0;
    const breaking = await startProxy(reg, (req, res) => {
      if (req.url?.endsWith(`/blobs/${layer.digest}`) && !req.headers.range && cut < 1) {
        cut++;
        // Send the headers and the first bytes, then drop the connection.
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(layer.blob.length) });
        res.write(layer.blob.subarray(0, 100), () => setTimeout(() => res.socket?.destroy(), 20));
        return true;
      }
      return false;
    });
    try {
      const img = await openRegistryImage(`${breaking.host}/team/app:1.2`, { reference: 'x', retry: fastRetry });
      assert.deepEqual(await readLayerVerified(img.layers[1]!), layer.tar);
      assert.equal(cut, 1);
      assert.deepEqual(breaking.requests.filter((r) => r.range?.startsWith('bytes=100')).map((r) => r.range), ['bytes=100-']);
    } finally {
      await breaking.stop();
    }
  });

  it('--insecure accepts a self-signed certificate; without it the TLS error is reported', async () => {
    const tlsProxy = await startProxy(reg, () => false, '127.0.0.2', selfSignedCertificate(tmp.dir));
    try {
      await assert.rejects(
        openRegistryImage(`${tlsProxy.host}/team/app:1.2`, { reference: 'x', retry: fastRetry }),
        /cannot reach https:\/\/127.0.0.2:\d+\/v2\/team\/app\/manifests\/1.2 after 3 attempts \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );
      const img = await openRegistryImage(`${tlsProxy.host}/team/app:1.2`, { reference: 'x', insecure: true, retry: fastRetry });
      assert.equal(img.digest, single.images[0]!.digest);
      assert.deepEqual(await readLayerVerified(img.layers[1]!), single.images[0]!.layers[1]!.tar);
      assert.ok(tlsProxy.requests.length >= 3, 'the image came over TLS');
      await img.close();
      // In a fresh process whose first request is an --insecure one, Node's own fetch must stay Node's: a request
      // with an explicit content-length (which the undici package's dispatcher refuses from Node's fetch) still works.
      const { execFile } = await import('node:child_process');
      const { promisify } = await import('node:util');
      const { repoRoot } = await import('../helpers/paths.js');
      const { existsSync } = await import('node:fs');
      const compiled = join(repoRoot, 'dist', 'src', 'image', 'registry', 'source.js');
      const sourceModule = import.meta.url.endsWith('.js') && existsSync(compiled) ? compiled : join(repoRoot, 'src', 'image', 'registry', 'source.ts');
      const script = `
        const { openRegistryImage } = await import(${JSON.stringify(sourceModule)});
        const img = await openRegistryImage(${JSON.stringify(`${tlsProxy.host}/team/app:1.2`)}, { reference: 'x', insecure: true });
        const res = await fetch(${JSON.stringify(`${reg.url}/v2/`)}, { method: 'POST', body: 'x', headers: { 'content-length': '1' } });
        console.log(img.digest, res.status);`;
      const args = sourceModule.endsWith('.ts') ? ['--import', 'tsx', '--input-type=module', '-e', script] : ['--input-type=module', '-e', script];
      const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: repoRoot });
      assert.equal(stdout.trim(), `${single.images[0]!.digest} 200`);
    } finally {
      await tlsProxy.stop();
    }
  });

  it('times out a registry that accepts connections and never answers', async () => {
    const silent = await startProxy(reg, () => true);
    try {
      await assert.rejects(
        openRegistryImage(`${silent.host}/team/app:1.2`, { reference: 'x', retry: { ...fastRetry, attempts: 2, timeoutMs: 200 } }),
        /cannot reach http:\/\/127.0.0.1:\d+\/v2\/team\/app\/manifests\/1.2 after 2 attempts \(no answer within 200 ms\)/,
      );
      assert.equal(silent.requests.length, 2);
    } finally {
      await silent.stop();
    }
  });

  it('plain HTTP for non-local registries only with --insecure (https tried first)', async () => {
    const proxy = await startProxy(reg, () => false, '127.0.0.2');
    try {
      await assert.rejects(openRegistryImage(`${proxy.host}/team/app:1.2`, { reference: 'x', retry: fastRetry }), /cannot reach https:\/\/127.0.0.2:\d+\/v2\/team\/app\/manifests\/1.2/);
      const img = await openRegistryImage(`${proxy.host}/team/app:1.2`, { reference: 'x', insecure: true, retry: fastRetry });
      assert.equal(img.digest, single.images[0]!.digest);
      await img.close();
    } finally {
      await proxy.stop();
    }
  });
});

describe('registry source: htpasswd (basic auth) and credentials', () => {
  let reg: RunningRegistry;
  let layout: WrittenLayout;
  const password = 'correct-horse-battery';
  let home: string;

  before(async () => {
    reg = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
    layout = await buildLayout({ layers: [base] });
    await pushLayout(reg, 'private/app', layout, 'v1');
    home = join(tmp.dir, 'home');
    mkdirSync(home, { recursive: true });
  });
  after(() => reg.stop());

  const dockerConfig = (name: string, content: object): string => {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify(content));
    return dir;
  };
  const envWith = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra });

  it('without credentials: a clear error that never shows secrets', async () => {
    await assert.rejects(openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({}) }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /127.0.0.1:\d+\/private\/app: the registry asks for a user name and password; none found/);
      return true;
    });
  });

  it('reads base64 auths from $DOCKER_CONFIG/config.json', async () => {
    const dir = dockerConfig('docker-auths', { auths: { [`http://${reg.host}`]: { auth: Buffer.from(`alice:${password}`).toString('base64') } } });
    const img = await openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ DOCKER_CONFIG: dir }) });
    assert.equal(img.digest, layout.images[0]!.digest);
    await readLayerVerified(img.layers[0]!);
  });

  it('a wrong password fails without printing it', async () => {
    const dir = dockerConfig('docker-wrong', { auths: { [reg.host]: { auth: Buffer.from('alice:wrong-password-123').toString('base64') } } });
    await assert.rejects(openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ DOCKER_CONFIG: dir }) }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /authentication failed \(HTTP 401\)$/);
      assert.ok(!e.message.includes('wrong-password-123'));
      return true;
    });
  });

  it('runs credHelpers (docker-credential-NAME get) with the server URL on stdin', async () => {
    const bin = join(tmp.dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const seen = join(tmp.dir, 'helper-stdin');
    const helper = join(bin, 'docker-credential-whittletest');
    writeFileSync(helper, `#!/bin/sh\n[ "$1" = get ] || exit 1\ncat > '${seen}'\nprintf '{"ServerURL":"x","Username":"alice","Secret":"${password}"}'\n`);
    chmodSync(helper, 0o755);
    const dir = dockerConfig('docker-helper', { credHelpers: { [reg.host]: 'whittletest' }, auths: { [reg.host]: { auth: Buffer.from('alice:not-this-one').toString('base64') } } });
    const img = await openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` }) });
    assert.equal(img.digest, layout.images[0]!.digest);
    assert.equal(readFileSync(seen, 'utf8'), reg.host);
  });

  it('uses credsStore for every registry, and a missing default store means anonymous', async () => {
    const bin = join(tmp.dir, 'bin2');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'docker-credential-store'), `#!/bin/sh\nread server\nprintf '{"Username":"alice","Secret":"${password}"}'\n`);
    chmodSync(join(bin, 'docker-credential-store'), 0o755);
    const dir = dockerConfig('docker-store', { credsStore: 'store' });
    const img = await openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` }) });
    assert.equal(img.digest, layout.images[0]!.digest);
    const absent = dockerConfig('docker-absent-store', { credsStore: 'desktop-not-installed' });
    await assert.rejects(openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ DOCKER_CONFIG: absent }) }), /none found/);
  });

  it("reads podman's auth.json through REGISTRY_AUTH_FILE and XDG_RUNTIME_DIR", async () => {
    const authFile = join(tmp.dir, 'podman-auth.json');
    writeFileSync(authFile, JSON.stringify({ auths: { [`${reg.host}/private`]: { auth: Buffer.from(`alice:${password}`).toString('base64') } } }));
    const img = await openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ REGISTRY_AUTH_FILE: authFile }) });
    assert.equal(img.digest, layout.images[0]!.digest);
    const runtime = join(tmp.dir, 'runtime');
    mkdirSync(join(runtime, 'containers'), { recursive: true });
    writeFileSync(join(runtime, 'containers', 'auth.json'), readFileSync(authFile));
    const again = await openRegistryImage(`${reg.host}/private/app:v1`, { reference: 'x', env: envWith({ XDG_RUNTIME_DIR: runtime }) });
    assert.equal(again.digest, layout.images[0]!.digest);
  });

  it('follows blob redirects to storage without sending Authorization there', async () => {
    const storageSeen: Array<string | undefined> = [];
    const storage = createServer(async (req, res) => {
      storageSeen.push(req.headers.authorization);
      const digest = new URL(req.url ?? '/', 'http://x').searchParams.get('d')!;
      const upstream = await fetch(`${reg.url}/v2/private/app/blobs/${digest}`, { headers: { authorization: 'Basic ' + Buffer.from(`alice:${password}`).toString('base64') } });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
    const storagePort = (storage.address() as { port: number }).port;
    const front = await startProxy(reg, (req, res) => {
      const m = /\/blobs\/(sha256:[a-f0-9]+)$/.exec(req.url ?? '');
      if (m && req.headers.authorization) {
        // "localhost" vs "127.0.0.1": another origin, like a storage bucket.
        res.writeHead(307, { location: `http://localhost:${storagePort}/bucket?d=${m[1]}&X-Amz-Signature=secret` });
        res.end();
        return true;
      }
      return false;
    });
    try {
      const authFile = join(tmp.dir, 'redirect-auth.json');
      writeFileSync(authFile, JSON.stringify({ auths: { [front.host]: { auth: Buffer.from(`alice:${password}`).toString('base64') } } }));
      const img = await openRegistryImage(`${front.host}/private/app:v1`, { reference: 'x', authFiles: [authFile] });
      await readLayerVerified(img.layers[0]!);
      assert.ok(storageSeen.length >= 2, 'config and layer came from storage');
      assert.deepEqual(storageSeen.filter((a) => a !== undefined), []);
      assert.ok(front.requests.some((r) => r.url.includes('/blobs/') && r.authorization?.startsWith('Basic ')));
    } finally {
      await front.stop();
      storage.closeAllConnections();
      await new Promise((resolve) => storage.close(resolve));
    }
  });
});

describe('registry source: token (bearer) auth', () => {
  let reg: RunningRegistry;
  let layout: WrittenLayout;
  const password = 'token-pass-42';

  before(async () => {
    reg = await startRegistry({ auth: 'token', users: { bob: password } });
    layout = await buildLayout({ layers: [base, app] });
    await pushLayout(reg, 'secure/app', layout, 'v2');
  });
  after(() => reg.stop());

  it('gets a pull-scoped token with basic credentials and reads the image', async () => {
    const authFile = join(tmp.dir, 'token-auth.json');
    writeFileSync(authFile, JSON.stringify({ auths: { [reg.host]: { username: 'bob', password } } }));
    reg.tokenRequests.length = 0;
    const img = await openImage(`${reg.host}/secure/app:v2`, { authFiles: [authFile] });
    assert.equal(img.digest, layout.images[0]!.digest);
    for (const layer of img.layers) await readLayerVerified(layer);
    assert.equal(reg.tokenRequests.length, 1, 'the token is reused');
    assert.deepEqual(reg.tokenRequests[0]!.scope, ['repository:secure/app:pull']);
    assert.equal(reg.tokenRequests[0]!.service, 'whittle-test-registry');
    assert.equal(reg.tokenRequests[0]!.authorization, 'Basic ' + Buffer.from(`bob:${password}`).toString('base64'));
  });

  it('anonymous and wrong credentials are refused with clear messages', async () => {
    const empty = join(tmp.dir, 'empty-auth.json');
    writeFileSync(empty, '{}');
    await assert.rejects(openImage(`${reg.host}/secure/app:v2`, { authFiles: [empty] }), /secure\/app: access denied \(HTTP 401\): the repository does not exist or needs credentials, and none were found/);
    const wrong = join(tmp.dir, 'wrong-token-auth.json');
    writeFileSync(wrong, JSON.stringify({ auths: { [reg.host]: { username: 'bob', password: 'nope-nope' } } }));
    await assert.rejects(openImage(`${reg.host}/secure/app:v2`, { authFiles: [wrong] }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /token service http:\/\/127.0.0.1:\d+\/token refused \(HTTP 401\)/);
      assert.ok(!e.message.includes('nope-nope'));
      return true;
    });
  });

  it('a credential file that is not JSON is a configuration error naming it', async () => {
    const broken = join(tmp.dir, 'broken-auth.json');
    writeFileSync(broken, '{ nope');
    await assert.rejects(openImage(`${reg.host}/secure/app:v2`, { authFiles: [broken] }), (e: unknown) => (e as { file?: string }).file === broken && /not valid JSON/.test((e as Error).message));
  });
});
