import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadArchiveIndex, DEFAULT_KEYRING } from '../../../src/base/apt/index-loader.js';
import { InputError } from '../../../src/core/errors.js';
import { startArchiveServer, type ArchiveServer } from './archive-server.js';
import { makeTestKey, type TestKey } from './test-keys.js';

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const PACKAGES = [
  `Package: hello\nVersion: 2.10-3\nArchitecture: amd64\nDepends: libc6 (>= 2.34)\nFilename: pool/main/h/hello/hello_2.10-3_amd64.deb\nSize: 10\nSHA256: ${'a'.repeat(64)}\n`,
  `Package: libc6\nVersion: 2.36-9\nArchitecture: amd64\nFilename: pool/main/g/glibc/libc6_2.36-9_amd64.deb\nSize: 20\nSHA256: ${'b'.repeat(64)}\n`,
].join('\n');

function releaseText(files: Record<string, Buffer>, suite: string, extra = ''): string {
  const lines = Object.entries(files).map(([path, data]) => ` ${sha256(data)} ${data.length} ${path}`);
  return `Origin: Test\nSuite: ${suite}\nCodename: code-${suite}\nDate: Sat, 10 May 2025 08:46:18 UTC\n${extra}Architectures: amd64\nComponents: main\nSHA256:\n${lines.join('\n')}\n`;
}

describe('loadArchiveIndex against a local archive', () => {
  let server: ArchiveServer;
  let key: TestKey;
  let cacheRoot: string;
  const xz = execFileSync('xz', ['-c'], { input: PACKAGES });
  const gz = gzipSync(PACKAGES);
  const indexes = { 'main/binary-amd64/Packages.xz': xz, 'main/binary-amd64/Packages.gz': gz, 'main/binary-amd64/Packages': Buffer.from(PACKAGES) };
  let n = 0;
  const freshCache = (): string => join(cacheRoot, String(n++));
  const source = (suite = 'stable') => ({ url: `${server.url}/debian`, suite, components: ['main'] });
  const serveSuite = (suite: string, inRelease: Buffer | null, files: Record<string, Buffer> = indexes): void => {
    if (inRelease) server.routes.set(`/debian/dists/${suite}/InRelease`, { body: inRelease });
    for (const [path, data] of Object.entries(files)) server.routes.set(`/debian/dists/${suite}/${path}`, { body: data });
  };

  before(async () => {
    server = await startArchiveServer();
    key = makeTestKey();
    cacheRoot = mkdtempSync(join(tmpdir(), 'whittle-index-test-'));
    serveSuite('stable', key.clearsign(releaseText(indexes, 'stable')));
  });
  after(async () => {
    await server.close();
    key.dispose();
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  test('a signed InRelease: packages parsed, URLs on the mirror, signer recorded, Packages cached by checksum', async () => {
    const cacheDir = freshCache();
    const index = await loadArchiveIndex({ sources: [source()], architecture: 'amd64', cacheDir, keyrings: [key.keyring] });
    assert.deepEqual(index.packages.map((p) => p.name), ['hello', 'libc6']);
    assert.equal(index.packages[0]!.url, `${server.url}/debian/pool/main/h/hello/hello_2.10-3_amd64.deb`);
    assert.equal(index.verification[0]!.method, 'signature');
    assert.match(index.verification[0]!.signedBy!, /^[0-9A-F]{40}$/);
    assert.ok(readdirSync(join(cacheDir, 'indexes')).includes(`${sha256(xz)}.Packages`));
    // Second load: the Packages file comes from the cache, only the InRelease is asked for.
    const before = server.hits.length;
    await loadArchiveIndex({ sources: [source()], architecture: 'amd64', cacheDir, keyrings: [key.keyring] });
    assert.deepEqual(server.hits.slice(before), ['/debian/dists/stable/InRelease']);
    // Offline: nothing is asked for at all.
    const offlineStart = server.hits.length;
    const offline = await loadArchiveIndex({ sources: [source()], architecture: 'amd64', cacheDir, keyrings: [key.keyring], offline: true });
    assert.equal(offline.packages.length, 2);
    assert.equal(server.hits.length, offlineStart);
  });

  test('offline with nothing cached says to run online once', async () => {
    await assert.rejects(
      loadArchiveIndex({ sources: [source()], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring], offline: true }),
      (e: unknown) => e instanceof InputError && /no cached index for .* stable: run once without --offline/.test(e.message),
    );
  });

  test('a tampered InRelease is refused', async () => {
    const signed = key.clearsign(releaseText(indexes, 'tampered')).toString().replace('Codename: code-tampered', 'Codename: code-tampereD');
    serveSuite('tampered', Buffer.from(signed));
    await assert.rejects(
      loadArchiveIndex({ sources: [source('tampered')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] }),
      (e: unknown) => e instanceof InputError && /tampered\/InRelease: signature not valid .*BADSIG/.test(e.message),
    );
  });

  test('a validly signed Release of another suite is refused (no substitution of an older suite)', async () => {
    serveSuite('newsuite', key.clearsign(releaseText(indexes, 'oldsuite')));
    await assert.rejects(
      loadArchiveIndex({ sources: [source('newsuite')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] }),
      (e: unknown) => e instanceof InputError && /newsuite\/Release is for suite oldsuite \(codename code-oldsuite\), not newsuite/.test(e.message),
    );
    // The codename is as good as the suite name.
    serveSuite('code-named', key.clearsign(releaseText(indexes, 'x').replace('Codename: code-x', 'Codename: code-named')));
    const index = await loadArchiveIndex({ sources: [source('code-named')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] });
    assert.equal(index.packages.length, 2);
  });

  test('a signature by a key outside the keyring is refused', async () => {
    await assert.rejects(
      loadArchiveIndex({ sources: [source()], architecture: 'amd64', cacheDir: freshCache(), keyrings: [DEFAULT_KEYRING] }),
      (e: unknown) => e instanceof InputError && /signature not valid .*NO_PUBKEY/.test(e.message),
    );
  });

  test('without InRelease, Release and Release.gpg are used', async () => {
    const text = releaseText(indexes, 'detached');
    serveSuite('detached', null);
    server.routes.set('/debian/dists/detached/Release', { body: text });
    server.routes.set('/debian/dists/detached/Release.gpg', { body: key.detachSign(text) });
    const index = await loadArchiveIndex({ sources: [source('detached')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] });
    assert.equal(index.verification[0]!.method, 'signature');
    assert.ok(server.hits.includes('/debian/dists/detached/Release.gpg'));
  });

  test('no keyring: checksum verification only, and said so', async () => {
    const index = await loadArchiveIndex({ sources: [source()], architecture: 'amd64', cacheDir: freshCache(), keyrings: [] });
    assert.equal(index.verification[0]!.method, 'checksum');
    assert.equal(index.packages.length, 2);
  });

  test('a Packages file that does not match Release is refused and not cached', async () => {
    const other = execFileSync('xz', ['-c'], { input: PACKAGES.replace('2.10-3', '2.10-4') });
    serveSuite('corrupt', key.clearsign(releaseText(indexes, 'corrupt')), { 'main/binary-amd64/Packages.xz': other });
    const cacheDir = freshCache();
    await assert.rejects(
      loadArchiveIndex({ sources: [source('corrupt')], architecture: 'amd64', cacheDir, keyrings: [key.keyring] }),
      (e: unknown) => e instanceof InputError && /corrupt\/main\/binary-amd64\/Packages.xz: (SHA-256 .* does not match|\d+ bytes, Release says)/.test(e.message),
    );
    assert.deepEqual(readdirSync(join(cacheDir, 'indexes')).filter((f) => f.endsWith('.Packages')), []);
  });

  test('the decompressed Packages must match the uncompressed checksum Release lists', async () => {
    const listed = { ...indexes, 'main/binary-amd64/Packages': Buffer.from(PACKAGES.replace('2.10-3', '2.10-9')) };
    serveSuite('plain-mismatch', key.clearsign(releaseText(listed, 'plain-mismatch')), indexes);
    const cacheDir = freshCache();
    await assert.rejects(
      loadArchiveIndex({ sources: [source('plain-mismatch')], architecture: 'amd64', cacheDir, keyrings: [key.keyring] }),
      /plain-mismatch\/main\/binary-amd64\/Packages.xz: decompressed contents do not match the Packages checksum in Release/,
    );
    assert.deepEqual(readdirSync(join(cacheDir, 'indexes')).filter((f) => f.endsWith('.Packages')), []);
  });

  test('Acquire-By-Hash: the file the signed Release names is fetched by its hash, even while the mirror moves on', async () => {
    const newer = execFileSync('xz', ['-c'], { input: PACKAGES.replace('2.10-3', '2.10-4') });
    serveSuite('byhash', key.clearsign(releaseText(indexes, 'byhash', 'Acquire-By-Hash: yes\n')), { 'main/binary-amd64/Packages.xz': newer });
    server.routes.set(`/debian/dists/byhash/main/binary-amd64/by-hash/SHA256/${sha256(xz)}`, { body: xz });
    const index = await loadArchiveIndex({ sources: [source('byhash')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] });
    assert.equal(index.packages[0]!.version, '2.10-3');
    assert.ok(!server.hits.includes('/debian/dists/byhash/main/binary-amd64/Packages.xz'));
    // A mirror without the by-hash files: the plain path is used.
    serveSuite('byhash-missing', key.clearsign(releaseText(indexes, 'byhash-missing', 'Acquire-By-Hash: yes\n')));
    const fallback = await loadArchiveIndex({ sources: [source('byhash-missing')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] });
    assert.equal(fallback.packages.length, 2);
    assert.ok(server.hits.includes(`/debian/dists/byhash-missing/main/binary-amd64/by-hash/SHA256/${sha256(xz)}`));
  });

  test('a truncated Packages transfer fails with one line naming the URL', async () => {
    serveSuite('truncated', key.clearsign(releaseText(indexes, 'truncated')), {});
    server.routes.set('/debian/dists/truncated/main/binary-amd64/Packages.xz', { body: xz, truncateAt: 10 });
    await assert.rejects(
      loadArchiveIndex({ sources: [source('truncated')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] }),
      (e: unknown) => e instanceof InputError && e.message.startsWith(`cannot fetch ${server.url}/debian/dists/truncated/main/binary-amd64/Packages.xz`) && !e.message.includes('\n'),
    );
  });

  test('an expired Release (Valid-Until in the past) is refused', async () => {
    serveSuite('expired', key.clearsign(releaseText(indexes, 'expired', 'Valid-Until: Sat, 17 May 2025 08:46:18 UTC\n')));
    await assert.rejects(
      loadArchiveIndex({ sources: [source('expired')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] }),
      /expired on Sat, 17 May 2025/,
    );
  });

  test('an architecture the suite lacks names what it has', async () => {
    await assert.rejects(
      loadArchiveIndex({ sources: [source()], architecture: 'riscv64', cacheDir: freshCache(), keyrings: [key.keyring] }),
      /stable lists no main\/binary-riscv64\/Packages \(architectures: amd64; components: main\)/,
    );
  });

  test('a suite the archive lacks is named', async () => {
    await assert.rejects(
      loadArchiveIndex({ sources: [source('nosuch')], architecture: 'amd64', cacheDir: freshCache(), keyrings: [key.keyring] }),
      (e: unknown) => e instanceof InputError && e.message === `${server.url}/debian has no suite nosuch (HTTP 404 for dists/nosuch/InRelease and Release)`,
    );
  });

  test('an unreachable archive is one line naming the URL', async () => {
    const closed = await startArchiveServer();
    await closed.close();
    await assert.rejects(
      loadArchiveIndex({ sources: [{ url: closed.url, suite: 'bookworm', components: ['main'] }], architecture: 'amd64', cacheDir: freshCache(), keyrings: [] }),
      (e: unknown) => e instanceof InputError && e.message === `cannot fetch ${closed.url}/dists/bookworm/InRelease: ECONNREFUSED`,
    );
  });
});
