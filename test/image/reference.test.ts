import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiHost, formatReference, isLocalRegistry, parseReference, sameReference } from '../../src/image/reference.js';

describe('parseReference', () => {
  const cases: Array<[string, string, string]> = [
    ['alpine', 'docker.io/library/alpine:latest', 'registry-1.docker.io'],
    ['alpine:3.20', 'docker.io/library/alpine:3.20', 'registry-1.docker.io'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest', 'registry-1.docker.io'],
    ['docker.io/alpine', 'docker.io/library/alpine:latest', 'registry-1.docker.io'],
    ['index.docker.io/library/alpine:1', 'docker.io/library/alpine:1', 'registry-1.docker.io'],
    ['registry.example.com/team/app:1.2', 'registry.example.com/team/app:1.2', 'registry.example.com'],
    ['localhost:5000/x', 'localhost:5000/x:latest', 'localhost:5000'],
    ['localhost/x:v', 'localhost/x:v', 'localhost'],
    ['127.0.0.1:5000/a/b/c:tag_1.0-rc', '127.0.0.1:5000/a/b/c:tag_1.0-rc', '127.0.0.1:5000'],
    [`ghcr.io/o/r@sha256:${'a'.repeat(64)}`, `ghcr.io/o/r@sha256:${'a'.repeat(64)}`, 'ghcr.io'],
    [`ghcr.io/o/r:v1@sha256:${'b'.repeat(64)}`, `ghcr.io/o/r:v1@sha256:${'b'.repeat(64)}`, 'ghcr.io'],
  ];
  for (const [input, canonical, host] of cases) {
    it(`${input} → ${canonical}`, () => {
      const ref = parseReference(input);
      assert.equal(formatReference(ref), canonical);
      assert.equal(apiHost(ref), host);
    });
  }

  it('refuses malformed references with a clear message', () => {
    for (const bad of ['', 'Alpine', 'x/UPPER', 'a:b:c', 'app@sha256:zz', 'x/:tag', 'a b', 'app:' + 'x'.repeat(200)]) {
      assert.throws(() => parseReference(bad), /invalid image reference/, bad);
    }
  });

  it('compares references with Docker Hub defaults filled in', () => {
    assert.ok(sameReference('app', 'docker.io/library/app:latest'));
    assert.ok(sameReference('team/app:1', 'docker.io/team/app:1'));
    assert.ok(!sameReference('app:1', 'app:2'));
  });

  it('knows the local registries that get plain HTTP', () => {
    assert.ok(isLocalRegistry('localhost:5000'));
    assert.ok(isLocalRegistry('127.0.0.1:41234'));
    assert.ok(!isLocalRegistry('registry.example.com'));
    assert.ok(!isLocalRegistry('localhost.example.com'));
  });
});
