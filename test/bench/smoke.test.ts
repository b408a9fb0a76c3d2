/** The port prober against real host processes (an HTTP server, a bare TCP server, nothing), and smoke parsing. */
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { parseSmokeJson, splitSmoke, tcpAnswers, waitForPort } from '../../src/bench/smoke.js';
import { freePort } from '../../src/engine/registry.js';

async function listen(server: Server | import('node:http').Server, port: number): Promise<void> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

describe('waitForPort', () => {
  it('an HTTP server that starts late: answered, with its status', async () => {
    const port = await freePort();
    const server = createHttpServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    setTimeout(() => void listen(server, port), 400);
    try {
      const probe = await waitForPort(port, 5000);
      assert.equal(probe.answered, true);
      assert.equal(probe.httpStatus, 204);
      assert.ok(probe.seconds >= 0.3, `answered after ${probe.seconds} s, before the server started?`);
    } finally {
      server.close();
    }
  });

  it('a bare TCP server that speaks no HTTP: answered by connect, no status', async () => {
    const port = await freePort();
    const server = createNetServer((s) => {
      s.on('error', () => {}); // the prober hangs up first
      s.end('hello\n');
    });
    await listen(server, port);
    try {
      const probe = await waitForPort(port, 3000);
      assert.equal(probe.answered, true);
      assert.equal(probe.httpStatus, null);
    } finally {
      server.close();
    }
  });

  it('nothing listening: not answered after the timeout; gaveUp stops at once', async () => {
    const port = await freePort();
    const probe = await waitForPort(port, 600);
    assert.equal(probe.answered, false);
    assert.ok(probe.seconds >= 0.6 && probe.seconds < 2.5, String(probe.seconds));
    const quick = await waitForPort(port, 10_000, () => true);
    assert.ok(quick.seconds < 0.2);
    assert.equal(await tcpAnswers(port), false);
  });
});

describe('smoke commands', () => {
  it('--smoke splits on blanks; --smoke-json takes a JSON array of strings', () => {
    assert.deepEqual(splitSmoke('  /app/server   --version '), ['/app/server', '--version']);
    assert.deepEqual(parseSmokeJson('["sh","-c","app --version && echo ok"]'), ['sh', '-c', 'app --version && echo ok']);
    for (const bad of ['[]', '"sh"', '[1]', '{', '["a", null]']) assert.throws(() => parseSmokeJson(bad), ConfigError, bad);
  });
});
