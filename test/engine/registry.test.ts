/** The throwaway registry: Debian's docker-registry on a free 127.0.0.1 port, gone (process and folder) after stop. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { tcpAnswers } from '../../src/bench/smoke.js';
import { findRegistryProgram, startLocalRegistry } from '../../src/engine/registry.js';

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

  it('no program: an InputError that says what to do; a program that cannot start: another, at once', async () => {
    await assert.rejects(startLocalRegistry(null), (e: unknown) => e instanceof InputError && /apt-get install docker-registry.*--registry/.test(e.message));
    const started = Date.now();
    await assert.rejects(startLocalRegistry('/nonexistent/docker-registry'), /cannot start \/nonexistent\/docker-registry \(ENOENT\)/);
    assert.ok(Date.now() - started < 3000);
  });
});
