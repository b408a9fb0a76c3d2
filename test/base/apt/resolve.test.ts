import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePackages } from '../../../src/base/apt/resolve.js';
import { parsePackagesIndex } from '../../../src/base/apt/packages-index.js';
import type { ArchiveIndex } from '../../../src/base/apt/types.js';
import { ConfigError, InputError } from '../../../src/core/errors.js';

/** A small Packages index: each entry is `name version [arch]` plus extra field lines. */
function index(entries: [string, string?][]): ArchiveIndex {
  const text = entries
    .map(([head, extra]) => {
      const [name, version, arch = 'amd64'] = head.split(' ');
      const file = `pool/main/${name![0]}/${name}/${name}_${version}_${arch}.deb`;
      return `Package: ${name}\nVersion: ${version}\nArchitecture: ${arch}\nFilename: ${file}\nSize: 100\nSHA256: ${'0'.repeat(64)}\n${extra ?? ''}`;
    })
    .join('\n\n');
  return {
    architecture: 'amd64',
    packages: parsePackagesIndex(text, 'http://archive.test/debian', 'Packages'),
    verification: [{ source: { url: 'http://archive.test/debian', suite: 'bookworm', components: ['main'] }, method: 'checksum' }],
  };
}

const names = (r: { packages: { name: string }[] }): string[] => r.packages.map((p) => p.name);
const versionOf = (r: { packages: { name: string; version: string }[] }, n: string): string | undefined => r.packages.find((p) => p.name === n)?.version;
const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

describe('resolvePackages', () => {
  test('closure over Depends and Pre-Depends, sorted, requiredBy records the first puller', () => {
    const idx = index([
      ['python3 3.11.2-1', 'Pre-Depends: python3-minimal (= 3.11.2-1)\nDepends: libpython3-stdlib, zlib1g\n'],
      ['python3-minimal 3.11.2-1', 'Depends: libc6 (>= 2.36)\n'],
      ['libpython3-stdlib 3.11.2-1', 'Depends: libc6\n'],
      ['libc6 2.36-9', 'Depends: libgcc-s1\n'],
      ['libgcc-s1 12.2.0-14', 'Depends: libc6 (>= 2.35)\n'],
      ['zlib1g 1:1.2.13', ''],
      ['unrelated 1.0', ''],
    ]);
    const r = resolvePackages(idx, { packages: ['python3'] });
    assert.deepEqual(names(r), ['libc6', 'libgcc-s1', 'libpython3-stdlib', 'python3', 'python3-minimal', 'zlib1g']);
    assert.equal(r.requiredBy['python3'], 'requested');
    assert.equal(r.requiredBy['python3-minimal'], 'python3');
    assert.equal(r.requiredBy['libc6'], 'python3-minimal');
    assert.equal(r.requiredBy['libgcc-s1'], 'libc6');
    assert.equal(r.architecture, 'amd64');
  });

  test('cycles terminate and each package appears once', () => {
    const idx = index([
      ['a 1', 'Depends: b\n'],
      ['b 1', 'Pre-Depends: c\n'],
      ['c 1', 'Depends: a (>= 1), b\n'],
    ]);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['a'] })), ['a', 'b', 'c']);
  });

  test('alternatives: first satisfiable, but one already chosen is preferred', () => {
    const idx = index([
      ['app 1', 'Depends: mawk, awkuser\n'],
      ['awkuser 1', 'Depends: gawk | mawk\n'],
      ['gawk 5', ''],
      ['mawk 1.3', ''],
      ['tool 1', 'Depends: missing | gawk (>= 6) | mawk\n'],
    ]);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['app'] })), ['app', 'awkuser', 'mawk']);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['awkuser'] })), ['awkuser', 'gawk']);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['tool'] })), ['mawk', 'tool']);
  });

  test('version constraints pick the newest matching version; every operator', () => {
    const idx = index([
      ['lib 1.0-1', ''],
      ['lib 2.0-1', ''],
      ['lib 3.0~rc1-1', ''],
      ['lt 1', 'Depends: lib (<< 2.0)\n'],
      ['le 1', 'Depends: lib (<= 2.0-1)\n'],
      ['eq 1', 'Depends: lib (= 1.0-1)\n'],
      ['ge 1', 'Depends: lib (>= 2.0)\n'],
      ['gt 1', 'Depends: lib (>> 2.0-1)\n'],
    ]);
    const expected: Record<string, string> = { lt: '1.0-1', le: '2.0-1', eq: '1.0-1', ge: '3.0~rc1-1', gt: '3.0~rc1-1' };
    for (const [root, version] of Object.entries(expected)) {
      assert.equal(versionOf(resolvePackages(idx, { packages: [root] }), 'lib'), version, root);
    }
    assert.equal(versionOf(resolvePackages(idx, { packages: ['lib (<< 3.0)'] }), 'lib'), '3.0~rc1-1');
  });

  test('a version already chosen that a later constraint rejects is an error naming both', () => {
    const idx = index([
      ['root 1', 'Depends: a, b\n'],
      ['a 1', 'Depends: lib (<< 2)\n'],
      ['b 1', 'Depends: lib (>= 2)\n'],
      ['lib 1', ''],
      ['lib 2', ''],
    ]);
    assert.throws(() => resolvePackages(idx, { packages: ['root'] }), inputError(/^root -> b -> lib \(>= 2\): lib 1 is already chosen$/));
  });

  test('virtual packages and versioned provides', () => {
    const idx = index([
      ['mta-user 1', 'Depends: mail-transport-agent\n'],
      ['exim4 4.96', 'Priority: standard\nProvides: mail-transport-agent\n'],
      ['postfix 3.7', 'Priority: optional\nProvides: mail-transport-agent\n'],
      ['needs-v 1', 'Depends: libfoo-abi (>= 2)\n'],
      ['libfoo1 1.0', 'Provides: libfoo-abi (= 1)\n'],
      ['libfoo2 2.0', 'Provides: libfoo-abi (= 2)\n'],
      ['needs-unversioned-provide 1', 'Depends: bar (>= 1)\n'],
      ['barlike 1', 'Provides: bar\n'],
    ]);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['mta-user'] })), ['exim4', 'mta-user']);
    // A provider already chosen wins over the higher-priority one.
    assert.deepEqual(names(resolvePackages(idx, { packages: ['postfix', 'mta-user'] })), ['mta-user', 'postfix']);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['needs-v'] })), ['libfoo2', 'needs-v']);
    assert.throws(
      () => resolvePackages(idx, { packages: ['needs-unversioned-provide'] }),
      inputError(/needs-unversioned-provide -> bar \(>= 1\): provided only by barlike in bookworm\/main amd64/),
    );
  });

  test('architecture qualifiers and Multi-Arch', () => {
    const idx = index([
      ['script 1 all', 'Depends: perl:any, libc6:native, helper:amd64\n'],
      ['perl 5.36', 'Multi-Arch: allowed\n'],
      ['libc6 2.36', 'Multi-Arch: same\n'],
      ['helper 1 all', ''],
      ['bad 1', 'Depends: libc6:any\n'],
      ['foreign 1', 'Depends: helper:arm64\n'],
      ['armonly 1 arm64', ''],
      ['restricted 1', 'Depends: libc6 [amd64], armonly [arm64]\n'],
    ]);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['script'] })), ['helper', 'libc6', 'perl', 'script']);
    assert.throws(() => resolvePackages(idx, { packages: ['bad'] }), inputError(/bad -> libc6:any: libc6 amd64 \(Multi-Arch: same\) does not satisfy :any/));
    assert.throws(() => resolvePackages(idx, { packages: ['foreign'] }), inputError(/foreign -> helper:arm64/));
    assert.deepEqual(names(resolvePackages(idx, { packages: ['restricted'] })), ['libc6', 'restricted']);
  });

  test('excludes count as present and are recorded; requesting an excluded package is a config error', () => {
    const idx = index([
      ['ca-certificates 2023', 'Depends: openssl (>= 1.1.1), debconf (>= 0.5) | debconf-2.0\n'],
      ['openssl 3.0', 'Depends: libc6\n'],
      ['libc6 2.36', ''],
      ['debconf 1.5', 'Pre-Depends: perl-base\n'],
      ['perl-base 5.36', 'Essential: yes\n'],
    ]);
    const r = resolvePackages(idx, { packages: ['ca-certificates'], exclude: ['debconf'] });
    assert.deepEqual(names(r), ['ca-certificates', 'libc6', 'openssl']);
    assert.deepEqual(r.omitted, [{ name: 'debconf', requiredBy: 'ca-certificates', reason: 'excluded' }]);
    assert.throws(() => resolvePackages(idx, { packages: ['debconf'], exclude: ['debconf'] }), (e: unknown) => e instanceof ConfigError && /both requested and excluded/.test(e.message));
  });

  test('Essential packages stay out unless asked for, by name or with includeEssential', () => {
    const idx = index([
      ['debconf 1.5', 'Pre-Depends: perl-base\n'],
      ['perl-base 5.36', 'Essential: yes\nDepends: libc6\n'],
      ['dash 0.5', 'Essential: yes\n'],
      ['libc6 2.36', ''],
    ]);
    const plain = resolvePackages(idx, { packages: ['debconf'] });
    assert.deepEqual(names(plain), ['debconf']);
    assert.deepEqual(plain.omitted, [{ name: 'perl-base', requiredBy: 'debconf', reason: 'essential' }]);
    assert.deepEqual(names(resolvePackages(idx, { packages: ['debconf', 'perl-base'] })), ['debconf', 'libc6', 'perl-base']);
    const all = resolvePackages(idx, { packages: ['debconf'], includeEssential: true });
    assert.deepEqual(names(all), ['dash', 'debconf', 'libc6', 'perl-base']);
    assert.equal(all.requiredBy['dash'], 'essential');
  });

  test('a missing package names the chain that needs it', () => {
    const idx = index([
      ['python3 3.11', 'Depends: libpython3.11-stdlib\n'],
      ['libpython3.11-stdlib 3.11', 'Depends: libc6, libfoo (>= 2)\n'],
      ['libc6 2.36', ''],
    ]);
    assert.throws(
      () => resolvePackages(idx, { packages: ['python3'] }),
      inputError(/^python3 -> libpython3.11-stdlib -> libfoo \(>= 2\): no such package in bookworm\/main amd64$/),
    );
    assert.throws(() => resolvePackages(idx, { packages: ['python4'] }), inputError(/^python4: no such package in bookworm\/main amd64$/));
    assert.throws(() => resolvePackages(idx, { packages: ['libc6 (>= 2.37)'] }), inputError(/^libc6 \(>= 2.37\): only 2.36 in bookworm\/main amd64$/));
  });

  test('the newest version wins across merged suites, and output is the same whatever the index order', () => {
    const entries: [string, string?][] = [
      ['openssl 3.0.15-1~deb12u1', 'Depends: libssl3 (>= 3.0.15)\n'],
      ['openssl 3.0.11-1~deb12u2', 'Depends: libssl3\n'],
      ['libssl3 3.0.11-1~deb12u2', ''],
      ['libssl3 3.0.15-1~deb12u1', ''],
    ];
    const a = resolvePackages(index(entries), { packages: ['openssl'] });
    const b = resolvePackages(index([...entries].reverse()), { packages: ['openssl'] });
    assert.deepEqual(a.packages.map((p) => `${p.name}=${p.version}`), ['libssl3=3.0.15-1~deb12u1', 'openssl=3.0.15-1~deb12u1']);
    assert.deepEqual(
      a.packages.map((p) => `${p.name}=${p.version}`),
      b.packages.map((p) => `${p.name}=${p.version}`),
    );
  });
});
