/** The base catalogue: defaults, facts inferred from image names, and `bases:` validated with file positions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ConfigError } from '../../src/core/errors.js';
import { defaultCatalogue, inferBase, loadCatalogue } from '../../src/optimize/catalogue.js';
import { STACKS } from '../../src/optimize/types.js';

function errorOf(yamlText: string): string {
  try {
    loadCatalogue((parse(yamlText) as { bases: unknown }).bases, { file: '.whittle.yaml', text: yamlText });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.format();
  }
  assert.fail('no error');
}

describe('base catalogue', () => {
  it('has a builder and a runtime for every stack, runtimes without compilers and with a non-root user where they have no shell', () => {
    const c = defaultCatalogue();
    for (const stack of STACKS) {
      assert.ok(c[stack].builder.shell, `${stack} builder needs a shell to RUN`);
      if (!c[stack].runtime.shell) assert.equal(c[stack].runtime.user, '65532');
    }
    assert.equal(c.rust.staticRuntime?.image, 'scratch');
  });

  it('infers facts from image names, registry prefixes included', () => {
    assert.deepEqual(
      (({ shell, packageManager, libc, interpreter, pythonVersion }) => ({ shell, packageManager, libc, interpreter, pythonVersion }))(inferBase('registry.corp/mirror/python:3.11-slim-bookworm')!),
      { shell: true, packageManager: 'apt', libc: 'glibc', interpreter: '/usr/local/bin/python3', pythonVersion: '3.11' },
    );
    assert.equal(inferBase('python:3.12-alpine')!.packageManager, 'apk');
    assert.equal(inferBase('scratch')!.passwd, false);
    assert.equal(inferBase('gcr.io/distroless/static-debian12:nonroot')!.libc, 'none');
    assert.equal(inferBase('gcr.io/distroless/python3-debian12:debug')!.shell, true);
    assert.equal(inferBase('registry.corp/team/something:1'), undefined);
  });

  it('replaces only the roles a stack names, and accepts the object form with install and provides', () => {
    const c = loadCatalogue({ go: { builder: { image: 'debian:bookworm', install: ['golang-go'] } }, python: { runtime: { image: 'corp/py:1', shell: false, packageManager: 'none', libc: 'glibc', provides: ['libpq5'], interpreter: '/usr/bin/python3', pythonVersion: 3.11 } } });
    assert.deepEqual(c.go.builder.install, ['golang-go']);
    assert.equal(c.go.runtime.image, defaultCatalogue().go.runtime.image);
    assert.deepEqual(c.python.runtime.provides, ['libpq5']);
    assert.equal(c.python.runtime.pythonVersion, '3.11');
  });

  it('names the file, line and column of a wrong entry', () => {
    assert.equal(errorOf('bases:\n  perl:\n    runtime: perl:5\n'), '.whittle.yaml:2:3: bases: unknown stack "perl" (expected one of: go, python, node, java, rust)');
    assert.equal(errorOf('bases:\n  go:\n    runtime:\n      image: scratch\n      shell: maybe\n'), '.whittle.yaml:5:14: bases.go.runtime.shell must be true or false');
    assert.match(errorOf('bases:\n  go:\n    runtime: registry.corp/base:1\n'), /^\.whittle\.yaml:3:14: bases\.go\.runtime: whittle cannot tell what registry\.corp\/base:1 contains/);
    assert.match(errorOf('bases:\n  go:\n    builder: { image: scratch, install: [golang-go] }\n'), /^\.whittle\.yaml:3:\d+: bases\.go\.builder\.install needs an image with a package manager/);
    assert.match(errorOf('bases:\n  go:\n    runtme: scratch\n'), /^\.whittle\.yaml:3:5: unknown key "runtme" in bases\.go/);
    assert.match(errorOf('bases:\n  node:\n    runtime: { image: "corp/node:1", shell: false, packageManager: none, libc: glibc, interpreter: node }\n'), /bases\.node\.runtime\.interpreter must be an absolute path/);
  });

  it('works without the config text too (no position, still the entry path)', () => {
    assert.throws(() => loadCatalogue({ go: { runtime: 42 } }), /bases\.go\.runtime must be an image name/);
  });
});
