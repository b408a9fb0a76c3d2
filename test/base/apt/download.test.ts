import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchDebs } from '../../../src/base/apt/download.js';
import type { DebPackage } from '../../../src/base/apt/types.js';
import { InputError } from '../../../src/core/errors.js';
import { startArchiveServer, type ArchiveServer } from './archive-server.js';
import { realIndex } from './real-archive.js';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function deb(name: string, body: Buffer, url: string): DebPackage {
  return {
    name,
    version: '1.0',
    architecture: 'amd64',
    url,
    size: body.length,
    sha256: sha256(body),
    depends: '',
    preDepends: '',
    provides: '',
    essential: false,
    fields: [],
  };
}

describe('fetchDebs', () => {
  let server: ArchiveServer;
  let root: string;
  let n = 0;
  const freshCache = (): string => join(root, String(n++));
  const serve = (name: string, body: Buffer, extra: Partial<import('./archive-server.js').Route> = {}): DebPackage => {
    server.routes.set(`/pool/${name}.deb`, { body, ...extra });
    return deb(name, body, `${server.url}/pool/${name}.deb`);
  };
  const leftovers = (cacheDir: string): string[] => readdirSync(join(cacheDir, 'debs')).filter((f) => !/^[0-9a-f]{64}\.deb$/.test(f));

  before(async () => {
    server = await startArchiveServer();
    root = mkdtempSync(join(tmpdir(), 'whittle-debs-test-'));
  });
  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('downloads in parallel into the checksum cache, reports progress, reuses the cache', async () => {
    const packages = Array.from({ length: 9 }, (_, i) => serve(`pkg${i}`, Buffer.alloc(1000 + i * 10, i)));
    const cacheDir = freshCache();
    const seen: [number, number][] = [];
    const paths = await fetchDebs(packages, { cacheDir, concurrency: 3, onProgress: (d, t) => seen.push([d, t]) });
    for (const pkg of packages) {
      const path = paths.get(pkg.name)!;
      assert.equal(path, join(cacheDir, 'debs', `${pkg.sha256}.deb`));
      assert.equal(sha256(readFileSync(path)), pkg.sha256);
    }
    const total = packages.reduce((s, p) => s + p.size, 0);
    assert.deepEqual(seen.at(-1), [total, total]);
    assert.deepEqual(leftovers(cacheDir), []);
    const hits = server.hits.length;
    await fetchDebs(packages, { cacheDir });
    assert.equal(server.hits.length, hits, 'second fetch served from the cache');
    // A cache entry damaged on disk (same size, other bytes) is fetched again.
    const damaged = paths.get('pkg4')!;
    writeFileSync(damaged, Buffer.alloc(packages[4]!.size, 0xff));
    await fetchDebs(packages, { cacheDir });
    assert.deepEqual(server.hits.slice(hits), ['/pool/pkg4.deb']);
    assert.equal(sha256(readFileSync(damaged)), packages[4]!.sha256);
  });

  test('a corrupt file (right size, wrong bytes) is a checksum error and leaves nothing', async () => {
    const good = Buffer.from('the real package contents');
    const pkg = serve('corrupt', Buffer.from('the fake package contents'));
    const claimed = { ...pkg, sha256: sha256(good), size: good.length };
    const cacheDir = freshCache();
    await assert.rejects(fetchDebs([claimed], { cacheDir }), (e: unknown) => e instanceof InputError && /^corrupt 1\.0 \(http:.*\/pool\/corrupt\.deb\): SHA-256 [0-9a-f]{64} does not match the index/.test(e.message));
    assert.deepEqual(readdirSync(join(cacheDir, 'debs')), []);
  });

  test('a truncated transfer is retried, then fails naming the byte counts, and leaves nothing', async () => {
    const body = Buffer.alloc(50_000, 7);
    const pkg = serve('truncated', body, { truncateAt: 1000 });
    const cacheDir = freshCache();
    const before = server.hits.length;
    await assert.rejects(fetchDebs([pkg], { cacheDir }), (e: unknown) => e instanceof InputError && /truncated 1\.0 .*(broke off after 1000 of 50000 bytes|truncated, 1000 of 50000 bytes)/.test(e.message));
    assert.equal(server.hits.length - before, 3, 'one try and two retries');
    assert.deepEqual(readdirSync(join(cacheDir, 'debs')), []);
  });

  test('a file larger than the index says is cut off', async () => {
    const pkg = serve('oversize', Buffer.alloc(5000, 1));
    const cacheDir = freshCache();
    await assert.rejects(fetchDebs([{ ...pkg, size: 100 }], { cacheDir }), /larger than the 100 bytes the index lists/);
    assert.deepEqual(readdirSync(join(cacheDir, 'debs')), []);
  });

  test('a 404 fails at once, the other downloads stop cleanly', async () => {
    const ok = serve('fine', Buffer.from('fine'));
    const missing = deb('gone', Buffer.from('x'), `${server.url}/pool/gone.deb`);
    const cacheDir = freshCache();
    await assert.rejects(fetchDebs([missing, ok], { cacheDir, concurrency: 1 }), (e: unknown) => e instanceof InputError && e.message === `${server.url}/pool/gone.deb: HTTP 404`);
    assert.deepEqual(leftovers(cacheDir), []);
  });

  test('a server that stops sending or never answers times out (WHITTLE_HTTP_TIMEOUT) and leaves nothing', async () => {
    const stalled = serve('stalled', Buffer.alloc(100, 3), { stall: true });
    const hung = serve('hung', Buffer.alloc(100, 3), { hang: true });
    const cacheDir = freshCache();
    process.env.WHITTLE_HTTP_TIMEOUT = '0.5';
    try {
      await assert.rejects(fetchDebs([stalled], { cacheDir }), (e: unknown) => e instanceof InputError && /stalled 1\.0 .*broke off after 0 of 100 bytes \(cannot fetch .*\/pool\/stalled\.deb: no data for 0\.5 s\)$/.test(e.message));
      await assert.rejects(fetchDebs([hung], { cacheDir }), (e: unknown) => e instanceof InputError && e.message === `cannot fetch ${hung.url}: timed out`);
    } finally {
      delete process.env.WHITTLE_HTTP_TIMEOUT;
    }
    assert.deepEqual(readdirSync(join(cacheDir, 'debs')), []);
  });

  test('a hostile checksum cannot name a path outside the cache', async () => {
    const pkg = { ...serve('evil', Buffer.from('x')), sha256: '../../etc/passwd' };
    await assert.rejects(fetchDebs([pkg], { cacheDir: freshCache() }), /SHA256 "..\/..\/etc\/passwd" is not 64 hex digits/);
  });

  test('one real download from the Debian archive, verified', async () => {
    const index = await realIndex();
    const pkg = index.packages.find((p) => p.name === 'media-types')!;
    assert.ok(pkg, 'media-types is in bookworm main');
    const cacheDir = freshCache();
    const paths = await fetchDebs([pkg], { cacheDir });
    const bytes = readFileSync(paths.get('media-types')!);
    assert.equal(bytes.length, pkg.size);
    assert.equal(sha256(bytes), pkg.sha256);
    assert.equal(bytes.subarray(0, 8).toString(), '!<arch>\n');
  });
});
