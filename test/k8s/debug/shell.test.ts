import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distrolessDebugVariant } from '../../../src/k8s/debug/debug-image.js';
import { parseImageRef, shellFromImage, shellFromName } from '../../../src/k8s/debug/shell.js';
import { runAsOfImageUser } from '../../../src/k8s/debug/target.js';
import { facts } from './helpers.js';

describe('shell evidence from the image reference', () => {
  const table: Array<[string, 'present' | 'absent' | 'unknown', string?]> = [
    ['gcr.io/distroless/static-debian12:nonroot', 'absent'],
    ['gcr.io/distroless/base-debian12', 'absent'],
    ['gcr.io/distroless/java21-debian12:debug', 'present', '/busybox/sh'],
    ['gcr.io/distroless/static-debian12:debug-nonroot', 'present', '/busybox/sh'],
    ['cgr.dev/chainguard/static:latest', 'absent'],
    ['cgr.dev/chainguard/python:latest-dev', 'present', '/bin/sh'],
    ['registry.example.com/team/app-static:1.0', 'absent'],
    ['python:3.12-slim', 'present', '/bin/sh'],
    ['docker.io/library/alpine:3.20', 'present', '/bin/sh'],
    ['registry.example.com/team/worker:2.4.1', 'unknown'],
    ['localhost:5000/app@sha256:' + 'a'.repeat(64), 'unknown'],
  ];
  for (const [ref, verdict, path] of table) {
    it(`${ref}: ${verdict}`, () => {
      const e = shellFromName(ref);
      assert.equal(e.verdict, verdict);
      assert.equal(e.path, path);
      assert.equal(e.basis, verdict === 'unknown' ? 'none' : 'name');
      assert.ok(e.detail.startsWith(ref), 'the evidence names the image');
    });
  }

  it('references split into repository and tag (registry ports are not tags)', () => {
    assert.deepEqual(parseImageRef('localhost:5000/app'), { repository: 'localhost:5000/app', tag: 'latest' });
    assert.deepEqual(parseImageRef('localhost:5000/app:2'), { repository: 'localhost:5000/app', tag: '2' });
    assert.deepEqual(parseImageRef('app@sha256:00'), { repository: 'app', tag: '' });
  });

  it('distroless debug variants keep the base and the non-root user', () => {
    assert.equal(distrolessDebugVariant('gcr.io/distroless/static-debian12:nonroot'), 'gcr.io/distroless/static-debian12:debug-nonroot');
    assert.equal(distrolessDebugVariant('gcr.io/distroless/python3-debian12'), 'gcr.io/distroless/python3-debian12:debug');
    assert.equal(distrolessDebugVariant('gcr.io/distroless/static:debug'), undefined);
    assert.equal(distrolessDebugVariant('busybox:1.36'), undefined);
  });
});

describe('shell evidence from an opened image', () => {
  it('no shell anywhere: absent, naming the source and PATH', () => {
    const e = shellFromImage(facts(['/hello']), 'shell');
    assert.equal(e.verdict, 'absent');
    assert.equal(e.basis, 'image');
    assert.match(e.detail, /oci:\/nowhere: no \/bin\/sh, no sh on its PATH \(\/usr\/local\/bin:\/usr\/bin:\/bin\)/);
  });

  it('/bin/sh preferred; a shell only on PATH or at /busybox/sh is found too; missing goal tools listed', () => {
    assert.equal(shellFromImage(facts(['/bin/sh', '/usr/bin/sh']), 'shell').path, '/bin/sh');
    assert.equal(shellFromImage(facts(['/usr/local/bin/sh']), 'shell').path, '/usr/local/bin/sh');
    assert.equal(shellFromImage(facts(['/busybox/sh'], '', ['/busybox']), 'shell').path, '/busybox/sh');
    assert.deepEqual(shellFromImage(facts(['/bin/sh', '/bin/ss']), 'network').missingTools, ['nslookup']);
    assert.deepEqual(shellFromImage(facts(['/bin/sh']), 'process').missingTools, ['ps']);
  });

  it('image USER as numbers', () => {
    assert.deepEqual(runAsOfImageUser('65532:65532'), { user: 65532, group: 65532 });
    assert.deepEqual(runAsOfImageUser(''), { user: 0 });
    assert.deepEqual(runAsOfImageUser('root'), { user: 0 });
    assert.deepEqual(runAsOfImageUser('nonroot'), {});
    assert.deepEqual(runAsOfImageUser('1000:staff'), { user: 1000 });
  });
});
