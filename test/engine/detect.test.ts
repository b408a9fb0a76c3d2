/**
 * Engine detection against the real programs on this machine: the docker client is installed without a daemon
 * (CI: Debian's docker.io with its service not started), buildah is installed, podman is not.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { detectEngine, probeEngine } from '../../src/engine/detect.js';
import { execProgram } from '../../src/engine/exec.js';
import { benchStorage } from '../../src/engine/storage.js';

const storage = benchStorage('/var/tmp/whittle-bench-test/storage', undefined, 'vfs');

describe('detectEngine', () => {
  it('does not choose docker when no daemon answers, and says so fast', async () => {
    const started = Date.now();
    const probe = await probeEngine('docker');
    assert.equal(probe.ok, false);
    assert.match(!probe.ok ? probe.reason : '', /^(no Docker daemon answers \(.+\)|the docker client is not installed)$/);
    assert.ok(Date.now() - started < 5000, `probe took ${Date.now() - started} ms`);
  });

  it('auto picks buildah, with its storage flags (never the default storage)', async () => {
    const engine = await detectEngine({ storage });
    assert.equal(engine.name, 'buildah');
    assert.match(engine.version, /buildah version \d/);
    assert.deepEqual(engine.globalArgs, ['--storage-driver', 'vfs', '--root', '/var/tmp/whittle-bench-test/storage', '--runroot', '/var/tmp/whittle-bench-test/storage.run']);
  });

  it('--engine docker without a daemon: one clear ConfigError', async () => {
    await assert.rejects(detectEngine({ engine: 'docker', storage }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /^--engine docker: (no Docker daemon answers \(.*Cannot connect to the Docker daemon.*\)|the docker client is not installed)$/);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  });

  it('--engine podman when podman is not installed', async () => {
    await assert.rejects(detectEngine({ engine: 'podman', storage }), /--engine podman: podman is not installed/);
  });
});

describe('a DOCKER_HOST that accepts connections and never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let saved: string | undefined;
  before(async () => {
    server = createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on docker after the probe timeout and falls back to buildah', async () => {
    assert.notEqual((await execProgram('docker', ['--version'])).code, 127, 'this test needs the docker client (apt-get install docker.io; no daemon needed)');
    const started = Date.now();
    const probe = await probeEngine('docker');
    const took = Date.now() - started;
    assert.equal(probe.ok, false);
    assert.ok(took < 9000, `gave up after ${took} ms`);
    assert.ok(sockets.length > 0, 'the docker client did connect to the silent daemon');
    const engine = await detectEngine({ storage });
    assert.equal(engine.name, 'buildah');
  });
});
