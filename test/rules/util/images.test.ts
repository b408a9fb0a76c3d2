import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullName, globToRegExp, isValidImageRef, parseImageRef, referenceSpellings } from '../../../src/rules/util/images.js';

describe('image references', () => {
  it('normalises Docker Hub names', () => {
    const ref = parseImageRef('python:3.12-slim')!;
    assert.equal(ref.registry, 'docker.io');
    assert.equal(ref.explicitRegistry, false);
    assert.equal(ref.repository, 'library/python');
    assert.equal(ref.name, 'python');
    assert.equal(ref.tag, '3.12-slim');
    assert.equal(fullName(ref), 'docker.io/library/python');
    assert.equal(fullName(parseImageRef('bitnami/nginx')!), 'docker.io/bitnami/nginx');
  });

  it('reads registries with ports, localhost and digests', () => {
    const ref = parseImageRef('registry.local:5000/team/app:1.2@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1')!;
    assert.equal(ref.registry, 'registry.local:5000');
    assert.equal(ref.repository, 'team/app');
    assert.equal(ref.tag, '1.2');
    assert.match(ref.digest!, /^sha256:4bcf/);
    assert.equal(parseImageRef('localhost/app')!.registry, 'localhost');
    assert.equal(parseImageRef('registry.local:5000/app')!.tag, undefined);
    assert.equal(fullName(parseImageRef('index.docker.io/alpine')!), 'docker.io/library/alpine');
  });

  it('rejects what is not a reference', () => {
    for (const bad of ['', 'busybox:', 'MyOrg/app', 'app:tag with space', 'a@sha256:short', ':1', 'app:-bad']) {
      assert.equal(isValidImageRef(bad), false, bad);
    }
    for (const good of ['alpine', 'alpine:3.20', 'ghcr.io/org/app:v1', 'a/b/c/d:e', 'MyRegistry.example/app']) {
      assert.equal(isValidImageRef(good), true, good);
    }
  });

  it('spells a reference the ways a pattern may name it', () => {
    const spellings = referenceSpellings(parseImageRef('python:3.12')!);
    for (const s of ['python', 'python:3.12', 'docker.io/library/python:3.12', 'docker.io/python', 'library/python:3.12']) {
      assert.ok(spellings.includes(s), s);
    }
    assert.ok(referenceSpellings(parseImageRef('alpine')!).includes('alpine:latest'));
  });

  it('globs', () => {
    assert.ok(globToRegExp('registry.corp/base/*').test('registry.corp/base/node:22'));
    assert.ok(!globToRegExp('registry.corp/base/*').test('registry.corp/other/node:22'));
    assert.ok(!globToRegExp('python:3.12-*').test('python:3.12'));
    assert.ok(globToRegExp('*.example').test('eu.MIRROR.example'));
  });
});
