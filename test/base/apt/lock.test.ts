import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLock, lockFromResolutions, parseLock, readLock, resolutionFromLock, specDigest, writeLock } from '../../../src/base/apt/lock.js';
import { parsePackagesIndex } from '../../../src/base/apt/packages-index.js';
import { resolvePackages } from '../../../src/base/apt/resolve.js';
import type { ArchiveIndex } from '../../../src/base/apt/types.js';
import { InputError } from '../../../src/core/errors.js';

const source = { url: 'http://archive.test/debian', suite: 'bookworm', components: ['main'] };
function index(versions: Record<string, string>, shaChar = 'a'): ArchiveIndex {
  const text = Object.entries(versions)
    .map(([name, version], i) => {
      const deps = name === 'app' ? `Depends: ${Object.keys(versions).filter((n) => n !== 'app').join(', ')}\n` : '';
      return `Package: ${name}\nVersion: ${version}\nArchitecture: amd64\n${deps}Filename: pool/${name}_${version}.deb\nSize: ${100 + i}\nSHA256: ${shaChar.repeat(63)}${i}\nDescription: x\n more\n`;
    })
    .join('\n');
  return { architecture: 'amd64', packages: parsePackagesIndex(text, source.url, 'Packages'), verification: [{ source, method: 'signature' }] };
}

describe('lock file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'whittle-lock-test-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const idx = index({ app: '1.0', zlib1g: '1:1.2.13', libc6: '2.36-9' });
  const digest = specDigest({ sources: [source], packages: ['app'] });

  test('round trip through YAML, byte-stable whatever the input order', async () => {
    const resolution = resolvePackages(idx, { packages: ['app'] });
    const lock = lockFromResolutions(digest, [resolution]);
    const path = join(dir, 'whittle-base.lock');
    await writeLock(path, lock);
    const text = readFileSync(path, 'utf8');
    assert.deepEqual(await readLock(path), lock);
    const shuffled = { ...lock, architectures: { amd64: [...lock.architectures['amd64']!].reverse() } };
    assert.equal(formatLock(shuffled), text);
    assert.deepEqual(lock.architectures['amd64']!.map((e) => e.name), ['app', 'libc6', 'zlib1g']);
    assert.match(text, /^# whittle-base.lock/);
    assert.match(text, /version: 1\nspecDigest: sha256:[0-9a-f]{64}\narchitectures:\n {2}amd64:\n {4}- name: app\n/);
  });

  test('specDigest: order of names does not matter, sources and excludes do', () => {
    assert.equal(specDigest({ sources: [source], packages: ['a', 'b'] }), specDigest({ sources: [source], packages: ['b', 'a'] }));
    assert.notEqual(specDigest({ sources: [source], packages: ['a'] }), specDigest({ sources: [{ ...source, suite: 'trixie' }], packages: ['a'] }));
    assert.notEqual(specDigest({ sources: [source], packages: ['a'] }), specDigest({ sources: [source], packages: ['a'], exclude: ['b'] }));
    assert.notEqual(specDigest({ sources: [source], packages: ['a'] }), specDigest({ sources: [source], packages: ['a'], includeEssential: true }));
  });

  test('no lock file is null; a malformed one names the file and place', async () => {
    assert.equal(await readLock(join(dir, 'none.lock')), null);
    const path = join(dir, 'bad.lock');
    writeFileSync(path, 'version: 1\nspecDigest: [\n');
    await assert.rejects(readLock(path), (e: unknown) => e instanceof InputError && e.format().startsWith(`${path}:`) && /not valid YAML/.test(e.message));
    assert.throws(() => parseLock('version: 2\n', 'l'), /unsupported lock version 2; delete it or run `whittle base --update`/);
    assert.throws(
      () => parseLock(`version: 1\nspecDigest: ${digest}\narchitectures:\n  amd64:\n    - {name: a, version: '1', url: 'file:///etc/passwd', size: 1, sha256: ${'a'.repeat(64)}}\n`, 'l'),
      /architectures.amd64\[0\] needs name, version, url \(http\/https\)/,
    );
    assert.throws(() => parseLock('a: &x [1]\nb: *x\n', 'l'), /unreadable lock/);
  });

  test('resolutionFromLock with the index: full stanzas back, in name order', () => {
    const lock = lockFromResolutions(digest, [resolvePackages(idx, { packages: ['app'] })]);
    const r = resolutionFromLock(lock, 'amd64', idx);
    assert.deepEqual(r.packages.map((p) => `${p.name}=${p.version}`), ['app=1.0', 'libc6=2.36-9', 'zlib1g=1:1.2.13']);
    assert.equal(r.packages[0]!.fields.find(([k]) => k === 'Description')?.[1], 'x\n more');
    assert.equal(r.requiredBy['libc6'], 'locked');
  });

  test('a lock the archive moved past says to run --update; a changed checksum is called out', () => {
    const lock = lockFromResolutions(digest, [resolvePackages(idx, { packages: ['app'] })]);
    const newer = index({ app: '1.0', zlib1g: '1:1.2.13', libc6: '2.36-9+deb12u1' });
    assert.throws(
      () => resolutionFromLock(lock, 'amd64', newer),
      (e: unknown) => e instanceof InputError && e.message === 'whittle-base.lock pins libc6 2.36-9, which bookworm/main amd64 no longer has (it has 2.36-9+deb12u1); run `whittle base --update`',
    );
    assert.throws(() => resolutionFromLock(lock, 'amd64', index({ app: '1.0', zlib1g: '1:1.2.13', libc6: '2.36-9' }, 'b')), /the archive changed a published package/);
    assert.throws(() => resolutionFromLock(lock, 'arm64', idx), /no packages for arm64 \(it has amd64\); run `whittle base --update`/);
  });

  test('resolutionFromLock without an index: what the lock knows', () => {
    const lock = lockFromResolutions(digest, [resolvePackages(idx, { packages: ['app'] })]);
    const r = resolutionFromLock(lock, 'amd64');
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, p.sha256, p.size, p.url]),
      lock.architectures['amd64']!.map((e) => [e.name, e.version, e.sha256, e.size, e.url]),
    );
  });
});
