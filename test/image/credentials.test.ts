import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { defaultAuthFiles, findCredentials, runCredentialHelper } from '../../src/image/registry/credentials.js';
import { parseChallenge, redactUrl } from '../../src/image/registry/client.js';
import { tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);
const b64 = (s: string) => Buffer.from(s).toString('base64');

function authFile(name: string, content: object): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('credentials', () => {
  it('looks in podman places first, then Docker config', () => {
    assert.deepEqual(defaultAuthFiles({ HOME: '/h', REGISTRY_AUTH_FILE: '/r.json', XDG_RUNTIME_DIR: '/run/u' }), [
      '/r.json',
      '/run/u/containers/auth.json',
      '/h/.config/containers/auth.json',
      '/h/.docker/config.json',
    ]);
    assert.deepEqual(defaultAuthFiles({ HOME: '/h', DOCKER_CONFIG: '/d' }), ['/h/.config/containers/auth.json', '/d/config.json']);
  });

  it("matches Docker Hub's legacy key, scheme-prefixed keys and podman namespace keys (most specific first)", async () => {
    const file = authFile('a.json', {
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:pw1') },
        'https://registry.example.com': { auth: b64('ex:pw2') },
        'quay.io/team': { auth: b64('team:pw3') },
        'quay.io': { auth: b64('any:pw4') },
        'ghcr.io': { identitytoken: 'refresh-me' },
      },
    });
    const find = (registry: string, repo?: string) => findCredentials(registry, repo, { authFiles: [file] });
    assert.deepEqual(await find('docker.io', 'library/alpine'), { username: 'hub', password: 'pw1' });
    assert.deepEqual(await find('registry.example.com', 'x'), { username: 'ex', password: 'pw2' });
    assert.deepEqual(await find('quay.io', 'team/app'), { username: 'team', password: 'pw3' });
    assert.deepEqual(await find('quay.io', 'other/app'), { username: 'any', password: 'pw4' });
    assert.deepEqual(await find('ghcr.io', 'o/r'), { identityToken: 'refresh-me' });
    assert.equal(await find('unknown.example.org', 'x'), undefined);
  });

  it('the first file that knows the registry wins; broken files are configuration errors', async () => {
    const first = authFile('first.json', { auths: { 'r.example': { auth: b64('one:1') } } });
    const second = authFile('second.json', { auths: { 'r.example': { auth: b64('two:2') }, 'only.example': { auth: b64('three:3') } } });
    assert.deepEqual(await findCredentials('r.example', undefined, { authFiles: [first, second] }), { username: 'one', password: '1' });
    assert.deepEqual(await findCredentials('only.example', undefined, { authFiles: [first, second] }), { username: 'three', password: '3' });
    const bad = authFile('bad.json', { auths: { 'r.example': { auth: b64('no-colon') } } });
    await assert.rejects(findCredentials('r.example', undefined, { authFiles: [bad] }), (e: unknown) => e instanceof ConfigError && e.file === bad && !e.message.includes('no-colon'));
  });

  it('runs helpers with the Docker Hub server URL and maps <token> to an identity token', async () => {
    const bin = join(tmp.dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'docker-credential-tok'), `#!/bin/sh\nread s\nprintf '{"ServerURL":"%s","Username":"<token>","Secret":"tok-%s"}' "$s" "$s"\n`);
    writeFileSync(join(bin, 'docker-credential-none'), `#!/bin/sh\necho "credentials not found in native keychain"\nexit 1\n`);
    writeFileSync(join(bin, 'docker-credential-leaky'), `#!/bin/sh\necho "failure printing hunter2"\nexit 3\n`);
    for (const h of ['tok', 'none', 'leaky']) chmodSync(join(bin, `docker-credential-${h}`), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const file = authFile('helpers.json', { credHelpers: { 'docker.io': 'tok', 'n.example': 'none', 'l.example': 'leaky', 'm.example': 'missing' } });
    assert.deepEqual(await findCredentials('docker.io', 'library/x', { authFiles: [file], env }), { identityToken: 'tok-https://index.docker.io/v1/' });
    assert.equal(await findCredentials('n.example', undefined, { authFiles: [file], env }), undefined);
    await assert.rejects(findCredentials('l.example', undefined, { authFiles: [file], env }), (e: unknown) => e instanceof ConfigError && e.message === 'credential helper docker-credential-leaky failed' && !e.message.includes('hunter2'));
    await assert.rejects(findCredentials('m.example', undefined, { authFiles: [file], env }), /docker-credential-missing is not installed/);
    await assert.rejects(runCredentialHelper('../evil', 'x'), /invalid credential helper name/);
  });
});

describe('registry client pieces', () => {
  it('parses WWW-Authenticate challenges', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'), {
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' },
    });
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.deepEqual(parseChallenge('Bearer realm=https://x/token,service=s'), { scheme: 'bearer', params: { realm: 'https://x/token', service: 's' } });
  });

  it('redacts user info and query strings from URLs it prints', () => {
    assert.equal(redactUrl('https://user:pw@bucket.s3.amazonaws.com/blob?X-Amz-Signature=abc&token=t'), 'https://bucket.s3.amazonaws.com/blob');
    assert.equal(redactUrl('not a url'), '(invalid URL)');
  });
});
