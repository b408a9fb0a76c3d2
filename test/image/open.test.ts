import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { classifyReference, openImage, splitPathAndName } from '../../src/image/open.js';
import { writeDockerArchive, writeOciLayout } from '../helpers/image-writer.js';
import { tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);

describe('openImage dispatch', () => {
  it('classifies transports by prefix and by what exists', async () => {
    const dir = join(tmp.dir, 'layout');
    const tar = join(tmp.dir, 'img.tar');
    await writeOciLayout(dir, { layers: [[{ path: 'a', content: 'x' }]], tag: 'v1' });
    await writeDockerArchive(tar, { layers: [[{ path: 'a', content: 'x' }]], tag: 'app:1' });
    assert.deepEqual(classifyReference(`docker-archive:${tar}`), { transport: 'docker-archive', target: tar });
    assert.deepEqual(classifyReference(`oci:${dir}:v1`), { transport: 'oci', target: `${dir}:v1` });
    assert.deepEqual(classifyReference('oci-archive:x.tar'), { transport: 'oci-archive', target: 'x.tar' });
    assert.deepEqual(classifyReference('docker-daemon:alpine:3'), { transport: 'docker-daemon', target: 'alpine:3' });
    assert.deepEqual(classifyReference('registry:alpine'), { transport: 'registry', target: 'alpine' });
    assert.deepEqual(classifyReference('docker://ghcr.io/a/b:1'), { transport: 'registry', target: 'ghcr.io/a/b:1' });
    assert.deepEqual(classifyReference(dir), { transport: 'oci', target: dir });
    assert.deepEqual(classifyReference(`${dir}:v1`), { transport: 'oci', target: `${dir}:v1` });
    assert.deepEqual(classifyReference(tar), { transport: 'docker-archive', target: tar });
    assert.deepEqual(classifyReference('alpine:3.20'), { transport: 'registry', target: 'alpine:3.20' });
    assert.deepEqual(classifyReference('localhost:5000/x'), { transport: 'registry', target: 'localhost:5000/x' });
    assert.throws(() => classifyReference('./missing.tar'), /no such file or directory/);
    assert.throws(() => classifyReference('/nowhere/at/all'), /no such file or directory/);
    assert.deepEqual(splitPathAndName(`${tar}:app:1`), { path: tar, name: 'app:1' });
    assert.equal((await openImage(`${tar}:app:1`)).source, 'docker-archive');
    assert.equal((await openImage(`${dir}:v1`)).source, 'oci');
  });

  it('refuses a malformed platform and a malformed registry reference', async () => {
    const tar = join(tmp.dir, 'img.tar');
    await assert.rejects(openImage(tar, { platform: 'amd64' }), /invalid platform "amd64"/);
    await assert.rejects(openImage('Bad Reference'), /invalid image reference/);
    await assert.rejects(openImage('docker-daemon:'), /needs an image name/);
  });
});
