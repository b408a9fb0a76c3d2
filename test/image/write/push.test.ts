/**
 * writeImage to a registry: a real docker-registry on 127.0.0.1 (anonymous, htpasswd and token auth); what was
 * pushed is pulled back by skopeo and by whittle's own registry source, digests verified.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCb } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.js';
import { MediaType } from '../../../src/image/media-types.js';
import { openImage } from '../../../src/image/open.js';
import type { Index } from '../../../src/image/types.js';
import { writeImage } from '../../../src/image/write/outputs.js';
import type { BuiltImage } from '../../../src/image/write/types.js';
import { askedForActions, type RunningRegistry, startProxy, startRegistry } from '../../helpers/registry.js';
import { readLayerVerified, tempDir } from '../support.js';
import { readTar, sampleImage } from './support.js';

const execFile = promisify(execFileCb);
const tmp = tempDir('whittle-write-push-');
after(tmp.cleanup);

async function skopeoInspect(ref: string, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await execFile('skopeo', ['inspect', '--tls-verify=false', ...args, `docker://${ref}`]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function pullBack(ref: string, built: BuiltImage, opts: { platform?: string; authFiles?: string[] } = {}): Promise<void> {
  const img = await openImage(ref, opts);
  try {
    assert.equal(img.source, 'registry');
    assert.equal(img.digest, built.manifestDigest);
    assert.deepEqual(img.rawConfig, built.config);
    const tars = await Promise.all(img.layers.map((l) => readLayerVerified(l)));
    assert.ok((await readTar(tars[0]!)).some((m) => m.name === 'srv/data/blob.bin' && m.size === 200_000));
  } finally {
    await img.close();
  }
}

let amd64: BuiltImage;
let arm64: BuiltImage;
before(async () => {
  amd64 = await sampleImage(join(tmp.dir, 'work-amd64'));
  arm64 = await sampleImage(join(tmp.dir, 'work-arm64'), {
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    extra: [{ path: 'etc/arm', type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('arm only') }],
  });
});

describe('writeImage: pushing to an anonymous registry', () => {
  let reg: RunningRegistry;
  before(async () => {
    reg = await startRegistry();
  });
  after(() => reg.stop());

  it('pushes blobs and the manifest by tag; skopeo and whittle pull it back', async () => {
    const ref = `${reg.host}/team/app:v1`;
    const written = await writeImage(ref, [amd64]);
    assert.equal(written.digest, amd64.manifestDigest);
    const info = await skopeoInspect(ref);
    assert.equal(info.Digest, amd64.manifestDigest);
    assert.deepEqual(info.Layers, amd64.layers.map((l) => l.digest));
    assert.equal(info.Architecture, 'amd64');
    await pullBack(ref, amd64);
    // By digest too, and with the docker:// prefix: the manifest is stored byte for byte.
    await pullBack(`${reg.host}/team/app@${amd64.manifestDigest}`, amd64);
    const again = await writeImage(`docker://${reg.host}/team/app:v1-again`, [amd64]);
    assert.equal(again.digest, amd64.manifestDigest, 'a second push (blobs already there) gives the same digest');
    await pullBack(`${reg.host}/team/app:v1-again`, amd64);
  });

  it('several platforms: manifests by digest, then an OCI index by tag', async () => {
    const ref = `${reg.host}/team/multi:v2`;
    const written = await writeImage(ref, [amd64, arm64]);
    const raw = JSON.parse((await execFile('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`])).stdout) as Index;
    assert.equal(raw.mediaType, MediaType.OciIndex);
    assert.deepEqual(raw.manifests.map((m) => [m.digest, m.platform?.architecture]), [
      [amd64.manifestDigest, 'amd64'],
      [arm64.manifestDigest, 'arm64'],
    ]);
    const info = await skopeoInspect(ref, '--override-arch', 'arm64', '--override-variant', 'v8');
    assert.equal(info.Digest, written.digest);
    assert.deepEqual(info.Layers, arm64.layers.map((l) => l.digest));
    await pullBack(ref, arm64, { platform: 'linux/arm64/v8' });
    await pullBack(ref, amd64, { platform: 'linux/amd64' });
  });

  it('an upload session the registry no longer knows is started over', async () => {
    let sentToGone = 0;
    const proxy = await startProxy(reg, (req, res) => {
      // The first upload started gets a Location the registry never issued: its PUT answers 404 BLOB_UPLOAD_UNKNOWN.
      if (req.method === 'POST' && sentToGone === 0) {
        sentToGone++;
        res.writeHead(202, { location: '/v2/team/restart/blobs/uploads/00000000-0000-0000-0000-000000000000?_state=gone', 'content-length': '0' });
        res.end();
        return true;
      }
      return false;
    });
    try {
      const ref = `${proxy.host}/team/restart:v1`;
      const written = await writeImage(ref, [amd64]);
      assert.equal(written.digest, amd64.manifestDigest);
      assert.ok(proxy.requests.some((r) => r.method === 'PUT' && r.url.includes('00000000-0000')), 'the bad session was tried');
      await pullBack(`${reg.host}/team/restart:v1`, amd64);
    } finally {
      await proxy.stop();
    }
  });

  it('a reference with a digest is refused: the digest comes from the content', async () => {
    await assert.rejects(writeImage(`${reg.host}/team/app@${amd64.manifestDigest}`, [amd64]), (e: unknown) => e instanceof InputError && /name a tag, not a digest/.test(e.message));
  });
});

it('token scopes compare as sets of actions: distribution lists pull and push in either order', () => {
  const seen = (scope: string) => [{ scope: [scope], method: 'GET' }];
  assert.equal(askedForActions(seen('repository:private/app:push,pull'), 'private/app', ['pull', 'push']), true);
  assert.equal(askedForActions(seen('repository:private/app:pull,push'), 'private/app', ['pull', 'push']), true);
  assert.equal(askedForActions(seen('repository:private/app:pull'), 'private/app', ['pull', 'push']), false);
  assert.equal(askedForActions(seen('repository:private/other:pull,push'), 'private/app', ['pull', 'push']), false);
});

for (const auth of ['htpasswd', 'token'] as const) {
  describe(`writeImage: pushing to a registry with ${auth} auth`, () => {
    let reg: RunningRegistry;
    const password = 'pushing-secret-9';
    before(async () => {
      reg = await startRegistry({ auth, users: { carol: password } });
    });
    after(() => reg.stop());

    it('pushes with credentials from an auth file; they are asked for push access', async () => {
      const authFile = join(tmp.dir, `${auth}-auth.json`);
      writeFileSync(authFile, JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`carol:${password}`).toString('base64') } } }));
      const ref = `${reg.host}/private/app:v1`;
      await writeImage(ref, [amd64], { authFiles: [authFile] });
      await pullBack(ref, amd64, { authFiles: [authFile] });
      // The scope comes from the registry's challenge, whose action order varies: compare the actions as a set.
      if (auth === 'token') {
        assert.ok(
          askedForActions(reg.tokenRequests, 'private/app', ['pull', 'push']),
          `a push-scoped token was asked for; the token server saw ${JSON.stringify(reg.tokenRequests.map((r) => r.scope))}`,
        );
      }
      const { stdout } = await execFile('skopeo', ['inspect', '--tls-verify=false', '--creds', `carol:${password}`, `docker://${ref}`]);
      assert.equal((JSON.parse(stdout) as { Digest: string }).Digest, amd64.manifestDigest);
    });

    it('no or wrong credentials: a clear error that never shows the password', async () => {
      const empty = join(tmp.dir, `${auth}-empty.json`);
      writeFileSync(empty, '{}');
      await assert.rejects(writeImage(`${reg.host}/private/other:v1`, [amd64], { authFiles: [empty] }), (e: unknown) => e instanceof InputError && /private\/other/.test(e.message));
      const wrong = join(tmp.dir, `${auth}-wrong.json`);
      writeFileSync(wrong, JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('carol:not-the-password').toString('base64') } } }));
      await assert.rejects(writeImage(`${reg.host}/private/other:v1`, [amd64], { authFiles: [wrong] }), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.ok(!e.message.includes('not-the-password'));
        return true;
      });
    });

    if (auth === 'token') {
      it('a ready bearer token the registry refuses: the message gives the registry\'s reason, never the token', async () => {
        const tokenFile = join(tmp.dir, 'token-refused.json');
        writeFileSync(tokenFile, JSON.stringify({ auths: { [reg.host]: { registrytoken: 'not-a-valid-jwt-7' } } }));
        await assert.rejects(writeImage(`${reg.host}/private/other:v1`, [amd64], { authFiles: [tokenFile] }), (e: unknown) => {
          assert.ok(e instanceof InputError, String(e));
          assert.match(e.message, /private\/other: authentication failed \(HTTP 401\): the registry says invalid_token/);
          assert.ok(!e.message.includes('not-a-valid-jwt-7'), e.message);
          return true;
        });
      });
    }
  });
}
