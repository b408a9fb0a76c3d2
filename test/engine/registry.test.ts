/** The throwaway registry: Debian's docker-registry on a free 127.0.0.1 port, gone (process and folder) after stop. */
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { tcpAnswers } from '../../src/bench/smoke.js';
import { findRegistryProgram, freePort, startLocalRegistry } from '../../src/engine/registry.js';

describe('startLocalRegistry', () => {
  it('serves the distribution API on 127.0.0.1 and stops cleanly', async () => {
    assert.ok(findRegistryProgram(), 'docker-registry is installed (apt-get install docker-registry)');
    const registry = await startLocalRegistry();
    const port = Number(registry.host.split(':')[1]);
    assert.match(registry.host, /^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${registry.host}/v2/_catalog`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { repositories: [] });
    await registry.stop();
    assert.equal(await tcpAnswers(port), false);
  });

  it('two at once get different ports', async () => {
    const [a, b] = await Promise.all([startLocalRegistry(), startLocalRegistry()]);
    try {
      assert.notEqual(a.host, b.host);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('a port another process takes first (a foreign HTTP server, a bare listener): the registry starts on another', async () => {
    const foreign = createHttpServer((_req, res) => {
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
      res.end('{}');
    });
    const bare = createNetServer((s) => s.destroy());
    const listen = (srv: NetServer) => new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as AddressInfo).port)));
    const taken = [await listen(foreign), await listen(bare)];
    let asked = 0;
    const ports = [...taken];
    const registry = await startLocalRegistry(undefined, 20_000, { pickPort: async () => (asked++, ports.shift() ?? freePort()) });
    try {
      assert.equal(asked, 3, 'both taken ports were tried, then a free one');
      assert.ok(!taken.includes(Number(registry.host.split(':')[1])), `started on ${registry.host}, a taken port`);
      const res = await fetch(`http://${registry.host}/v2/_catalog`);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { repositories: [] });
    } finally {
      await registry.stop();
      foreign.close();
      bare.close();
    }
  });

  it('every port taken: an InputError naming the ports, not a hang', async () => {
    const bare = createNetServer((s) => s.destroy());
    const port = await new Promise<number>((resolve) => bare.listen(0, '127.0.0.1', () => resolve((bare.address() as AddressInfo).port)));
    try {
      await assert.rejects(startLocalRegistry(undefined, 20_000, { pickPort: async () => port }), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, new RegExp(`taken by another process .*\\b${port}\\b`));
        return true;
      });
    } finally {
      bare.close();
    }
  });

  it('no program: an InputError that says what to do; a program that cannot start: another, at once', async () => {
    await assert.rejects(startLocalRegistry(null), (e: unknown) => e instanceof InputError && /apt-get install docker-registry.*--registry/.test(e.message));
    const started = Date.now();
    await assert.rejects(startLocalRegistry('/nonexistent/docker-registry'), /cannot start \/nonexistent\/docker-registry \(ENOENT\)/);
    assert.ok(Date.now() - started < 3000);
  });
});
