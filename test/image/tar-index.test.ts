import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { TarIndex, safeArchivePath } from '../../src/image/tar-index.js';
import { readAll } from '../../src/image/verify.js';
import { writeTar } from '../helpers/image-writer.js';
import { tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);

describe('TarIndex', () => {
  it('indexes members by name and serves their exact bytes in place', async () => {
    const long = 'blobs/sha256/' + 'a'.repeat(64) + '/' + 'deep/'.repeat(30) + 'file';
    const file = join(tmp.dir, 'ok.tar');
    await writeTar(file, [
      { name: './manifest.json', content: '[1]' },
      { name: 'dir/', type: 'directory' },
      { name: 'dir/big', content: Buffer.alloc(1500, 7) },
      { name: long, content: 'long name via PAX' },
      { name: 'empty', content: '' },
      { name: 'link/layer.tar', type: 'symlink', linkname: '../dir/big' },
    ]);
    const idx = await TarIndex.open(file);
    assert.deepEqual(idx.names(), ['manifest.json', 'dir', 'dir/big', long, 'empty', 'link/layer.tar']);
    assert.equal((await idx.readMember('manifest.json', 100, 'm')).toString(), '[1]');
    const big = idx.require('dir/big', 'x');
    assert.equal(big.size, 1500);
    assert.deepEqual(readFileSync(file).subarray(big.offset, big.offset + 3), Buffer.from([7, 7, 7]));
    assert.equal((await readAll(idx.openMember(idx.require(long, 'x')), 100, 'x')).toString(), 'long name via PAX');
    assert.equal((await readAll(idx.openMember(idx.require('empty', 'x')), 100, 'x')).length, 0);
    // A symlink inside the archive (legacy docker save links repeated layers) resolves to its target.
    assert.equal(idx.require('link/layer.tar', 'x').offset, big.offset);
    assert.deepEqual(await idx.peekMember(big, 2), Buffer.from([7, 7]));
    assert.equal(idx.has('missing'), false);
    await assert.rejects(idx.readMember('dir/big', 1000, 'config'), /config: 1500 bytes is larger than the 1000-byte limit/);
  });

  it('refuses duplicate members', async () => {
    const file = join(tmp.dir, 'dup.tar');
    await writeTar(file, [{ name: 'manifest.json', content: '[]' }, { name: './manifest.json', content: '[1]' }]);
    await assert.rejects(TarIndex.open(file), (e: unknown) => e instanceof InputError && e.format() === `${file}: archive holds member "manifest.json" twice`);
  });

  it('refuses truncated archives and files that are not tars', async () => {
    const file = join(tmp.dir, 'trunc.tar');
    const tar = await writeTar(file, [{ name: 'a', content: Buffer.alloc(5000, 1) }, { name: 'b', content: 'x' }]);
    writeFileSync(file, tar.subarray(0, 3000));
    await assert.rejects(TarIndex.open(file), /truncated tar archive: member at byte 0 needs 5000 bytes/);
    writeFileSync(file, tar.subarray(0, 5632 + 100));
    await assert.rejects(TarIndex.open(file), /truncated tar archive \(header at byte 5632 is cut off\)/);
    writeFileSync(file, Buffer.from('{"not":"a tar"}'.padEnd(2048, ' ')));
    await assert.rejects(TarIndex.open(file), /not a tar archive/);
    writeFileSync(file, '');
    await assert.rejects(TarIndex.open(file), /not a tar archive \(empty or too short\)/);
    await assert.rejects(TarIndex.open(join(tmp.dir, 'absent.tar')), /cannot open archive: ENOENT/);
  });

  it('refuses symlink loops and links to directories', async () => {
    const file = join(tmp.dir, 'loop.tar');
    await writeTar(file, [
      { name: 'a', type: 'symlink', linkname: 'b' },
      { name: 'b', type: 'symlink', linkname: 'a' },
      { name: 'd/', type: 'directory' },
      { name: 'to-dir', type: 'symlink', linkname: 'd' },
    ]);
    const idx = await TarIndex.open(file);
    assert.throws(() => idx.require('a', 'manifest.json: Layers[0]'), /manifest.json: Layers\[0\]: too many links resolving a/);
    assert.throws(() => idx.require('to-dir', 'manifest.json: Config'), /manifest.json: Config: d is not a regular file in the archive/);
  });

  it('refuses symlinks that climb out of the archive', async () => {
    const file = join(tmp.dir, 'escape.tar');
    await writeTar(file, [{ name: 'x/layer.tar', type: 'symlink', linkname: '../../../etc/passwd' }]);
    const idx = await TarIndex.open(file);
    assert.throws(() => idx.require('x/layer.tar', 'manifest.json: Layers[0]'), /points outside the archive/);
  });
});

describe('safeArchivePath', () => {
  it('normalises inside paths and refuses absolute and climbing ones', () => {
    assert.equal(safeArchivePath('./a//b/', 'w', 'f'), 'a/b');
    assert.equal(safeArchivePath('a/./b', 'w', 'f'), 'a/b');
    for (const bad of ['/etc/passwd', '../x', 'a/../../x', 'a/../b', 'C:\\x', 'a\\b']) {
      assert.throws(() => safeArchivePath(bad, 'manifest.json: Config', 'f'), /manifest.json: Config: path .* points outside the archive/, bad);
    }
  });
});
