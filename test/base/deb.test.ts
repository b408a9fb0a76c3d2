import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { InputError } from '../../src/core/errors.js';
import { readDeb, debPath, symlinkStaysInside } from '../../src/base/deb.js';
import { field } from '../../src/base/control.js';
import { makeDeb, tempDir } from './deb-fixtures.js';

const bigText = 'x'.repeat(300 * 1024);

async function tarOf(members: { name: string; type?: 'file' | 'symlink' | 'link'; data?: string; linkname?: string }[]): Promise<Buffer> {
  const p = pack();
  for (const m of members) {
    if (m.type === 'symlink' || m.type === 'link') p.entry({ name: m.name, type: m.type, linkname: m.linkname });
    else p.entry({ name: m.name, mode: 0o644 }, m.data ?? '');
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** An ar archive written by hand, to make .debs dpkg-deb refuses to build (hostile paths). */
function ar(members: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const m of members) {
    const header = `${m.name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(m.data.length).padEnd(10)}\`\n`;
    parts.push(Buffer.from(header, 'latin1'), m.data);
    if (m.data.length % 2) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

async function hostileDeb(dir: string, data: Buffer): Promise<string> {
  const control = gzipSync(await tarOf([{ name: './control', data: 'Package: evil\nVersion: 1\nArchitecture: all\n' }]));
  const file = join(dir, 'evil.deb');
  writeFileSync(file, ar([{ name: 'debian-binary', data: Buffer.from('2.0\n') }, { name: 'control.tar.gz', data: control }, { name: 'data.tar.gz', data: gzipSync(data) }]));
  return file;
}

describe('readDeb', () => {
  for (const compression of ['xz', 'gzip', 'zstd', 'none'] as const) {
    test(`reads a data.tar (${compression}): files, folders, symlinks, modes, control fields`, async () => {
      const dir = tempDir();
      const file = makeDeb(dir, {
        name: 'hello',
        version: '2.1-3',
        depends: 'libc6 (>= 2.36)',
        compression,
        files: {
          'usr/bin/hello': { data: '#!/bin/sh\necho hi\n', mode: 0o755 },
          'usr/share/doc/hello/copyright': 'GPL',
          'usr/share/hello/big.dat': bigText,
          'usr/lib/hello/link': { link: '../../bin/hello' },
        },
      });
      const deb = await readDeb(file, 'hello', { spoolDir: dir });
      assert.equal(field(deb.control, 'Version'), '2.1-3');
      assert.equal(field(deb.control, 'Depends'), 'libc6 (>= 2.36)');
      const byPath = new Map(deb.entries.map((e) => [e.path, e]));
      const bin = byPath.get('usr/bin/hello')!;
      assert.equal(bin.type, 'file');
      assert.equal(bin.mode, 0o755);
      assert.equal(bin.uid, 0);
      assert.equal((bin.data as Buffer).toString(), '#!/bin/sh\necho hi\n');
      assert.equal(byPath.get('usr/lib/hello/link')!.linkTarget, '../../bin/hello');
      assert.equal(byPath.get('usr/share')!.type, 'directory');
      assert.ok(!byPath.has('') && !byPath.has('.'));
      const big = byPath.get('usr/share/hello/big.dat')!;
      assert.equal(typeof big.data, 'function', 'large files are spooled, not kept in memory');
      const chunks: Buffer[] = [];
      for await (const c of (big.data as () => NodeJS.ReadableStream)()) chunks.push(c as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), bigText);
      assert.ok(deb.builtAt > 0);
    });
  }

  test('a truncated .deb is an InputError naming the package', async () => {
    const dir = tempDir();
    const file = makeDeb(dir, { name: 'cut', files: { 'usr/share/cut/data': bigText } });
    truncateSync(file, Math.floor(statSync(file).size / 2));
    await assert.rejects(readDeb(file, 'cut', { spoolDir: dir }), (err: unknown) => err instanceof InputError && /^cut: /.test(err.message) && err.file === file);
  });

  test('corrupt compressed data is an InputError naming the package', async () => {
    const dir = tempDir();
    const file = makeDeb(dir, { name: 'rot', files: { 'usr/share/rot/data': bigText + 'y'.repeat(1000) } });
    const bytes = readFileSync(file);
    for (let i = bytes.length - 400; i < bytes.length - 100; i++) bytes[i] = bytes[i]! ^ 0x5a;
    writeFileSync(file, bytes);
    await assert.rejects(readDeb(file, 'rot', { spoolDir: dir }), (err: unknown) => err instanceof InputError && /^rot: corrupt \.deb/.test(err.message));
  });

  test('not a .deb at all', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.deb');
    writeFileSync(file, '<html>not found</html>');
    await assert.rejects(readDeb(file, 'x', { spoolDir: dir }), /x: not a \.deb/);
  });

  test('a path climbing out of the root is refused', async () => {
    const dir = tempDir();
    const file = await hostileDeb(dir, await tarOf([{ name: './../etc/passwd', data: 'evil' }]));
    await assert.rejects(readDeb(file, 'evil', { spoolDir: dir }), /evil: unsafe path ".\/..\/etc\/passwd"/);
  });

  test('an absolute path is refused', async () => {
    const dir = tempDir();
    const file = await hostileDeb(dir, await tarOf([{ name: '/etc/shadow', data: 'evil' }]));
    await assert.rejects(readDeb(file, 'evil', { spoolDir: dir }), /evil: absolute path/);
  });

  test('a relative symlink escaping the root is refused; an absolute one is fine', async () => {
    const dir = tempDir();
    const bad = await hostileDeb(dir, await tarOf([{ name: './usr/lib/x', type: 'symlink', linkname: '../../../../etc/passwd' }]));
    await assert.rejects(readDeb(bad, 'evil', { spoolDir: dir }), /evil: symlink usr\/lib\/x -> ..\/..\/..\/..\/etc\/passwd points outside/);
    const ok = await hostileDeb(dir, await tarOf([{ name: './usr/lib/x', type: 'symlink', linkname: '/etc/passwd' }]));
    const deb = await readDeb(ok, 'fine', { spoolDir: dir });
    assert.equal(deb.entries[0]!.linkTarget, '/etc/passwd');
  });

  test('a hardlink to a file the package does not have is refused', async () => {
    const dir = tempDir();
    const file = await hostileDeb(dir, await tarOf([{ name: './usr/bin/x', type: 'link', linkname: './etc/shadow' }]));
    await assert.rejects(readDeb(file, 'evil', { spoolDir: dir }), /evil: hardlink usr\/bin\/x/);
  });

  test('debPath and symlinkStaysInside', () => {
    assert.equal(debPath('./usr//bin/', 'p'), 'usr/bin');
    assert.equal(debPath('./', 'p'), null);
    assert.throws(() => debPath('./a/../b', 'p'), /p: unsafe path/);
    assert.ok(symlinkStaysInside('usr/bin/x', '../lib/y'));
    assert.ok(symlinkStaysInside('usr/bin/x', '../../etc/y'));
    assert.ok(!symlinkStaysInside('usr/bin/x', '../../../etc/y'));
  });
});
