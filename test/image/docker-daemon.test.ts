import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { daemonEndpoint, openDockerDaemon } from '../../src/image/docker-daemon.js';
import { openImage } from '../../src/image/open.js';
import { writeDockerArchive } from '../helpers/image-writer.js';
import { readLayerVerified, tempDir } from './support.js';

const tmp = tempDir();
after(tmp.cleanup);

describe('docker-daemon', () => {
  it('says clearly that no daemon answers (none runs here)', async () => {
    const sock = join(tmp.dir, 'no-daemon.sock');
    await assert.rejects(openDockerDaemon('alpine:3', { reference: 'docker-daemon:alpine:3', env: { DOCKER_HOST: `unix://${sock}` } }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `no Docker daemon answers at unix://${sock} (ENOENT); save the image with docker save and open docker-archive:FILE, or give a registry reference`);
      return true;
    });
  });

  it('uses DOCKER_HOST or the default socket', () => {
    assert.deepEqual(daemonEndpoint({}), { socketPath: '/var/run/docker.sock', display: 'unix:///var/run/docker.sock' });
    assert.deepEqual(daemonEndpoint({ DOCKER_HOST: 'tcp://10.0.0.2:2375' }), { host: '10.0.0.2', port: 2375, display: 'tcp://10.0.0.2:2375' });
    assert.throws(() => daemonEndpoint({ DOCKER_HOST: 'ssh://me@host' }), /only unix:\/\/ and tcp:\/\//);
  });

  // A stand-in daemon on a unix socket serving the Engine API's /images/{name}/get with a real docker save archive:
  // the only way to exercise the streaming path where no Docker daemon may run.
  it('streams GET /images/{name}/get into the archive reader and cleans up', async () => {
    const archive = join(tmp.dir, 'saved.tar');
    const w = await writeDockerArchive(archive, { layers: [[{ path: 'hello', content: 'world' }]], tag: 'hello:1' });
    const sock = join(tmp.dir, 'daemon.sock');
    const paths: string[] = [];
    const server: Server = createServer((req, res) => {
      paths.push(req.url ?? '');
      if (req.url === '/images/hello%3A1/get') {
        res.writeHead(200, { 'content-type': 'application/x-tar' });
        res.end(readFileSync(archive));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'reference does not exist' }));
      }
    });
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${sock}`;
    try {
      const img = await openImage('docker-daemon:hello:1');
      assert.equal(img.source, 'docker-daemon');
      assert.equal(img.configDigest, w.images[0]!.configDigest);
      assert.deepEqual(await readLayerVerified(img.layers[0]!), w.images[0]!.layers[0]!.tar);
      await img.close();
      await assert.rejects(img.layers[0]!.open().then((s) => new Promise((resolve, reject) => s.on('error', reject).on('end', resolve).resume())), /ENOENT/);
      await assert.rejects(openImage('docker-daemon:nope'), /Docker daemon at unix:\/\/.*: no such image nope: reference does not exist/);
      assert.deepEqual(paths, ['/images/hello%3A1/get', '/images/nope/get']);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
