import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { continuationLines, field, parseDeb822 } from '../../../src/base/apt/deb822.js';
import { parsePackagesIndex } from '../../../src/base/apt/packages-index.js';
import { parseRelease } from '../../../src/base/apt/release.js';
import { InputError } from '../../../src/core/errors.js';

const sha = (c: string): string => c.repeat(64);

describe('parseDeb822', () => {
  test('stanzas split on blank lines, continuation lines kept verbatim, CRLF and comments tolerated', () => {
    const text = '# comment\r\nPackage: a\r\nDescription: short\r\n long line\r\n .\r\n\r\n  \r\nPackage: b\nversion: 1\n';
    const stanzas = parseDeb822(text, 'x');
    assert.equal(stanzas.length, 2);
    assert.deepEqual(stanzas[0]!.fields, [
      ['Package', 'a'],
      ['Description', 'short\n long line\n .'],
    ]);
    assert.equal(stanzas[1]!.line, 8);
    assert.equal(field(stanzas[1]!, 'Version'), '1');
    assert.deepEqual(continuationLines(field(stanzas[0]!, 'Description')!), ['long line']);
  });
  test('a line that is not a field names the file and line', () => {
    assert.throws(
      () => parseDeb822('Package: a\nno colon here\n', 'Packages'),
      (e: unknown) => e instanceof InputError && e.format().startsWith('Packages:2:1: expected "Field: value"'),
    );
    assert.throws(() => parseDeb822(' leading\n', 'P'), /continuation line with no field/);
  });
});

describe('parsePackagesIndex', () => {
  const stanza = (extra: string): string =>
    `Package: libfoo\nVersion: 1.0-1\nArchitecture: amd64\nFilename: pool/main/f/foo/libfoo_1.0-1_amd64.deb\nSize: 123\nSHA256: ${sha('a')}\n${extra}`;
  test('fields map onto DebPackage, URL joined to the archive', () => {
    const [pkg] = parsePackagesIndex(
      stanza('Depends: libc6 (>= 2.36)\nPre-Depends: dpkg\nProvides: foo\nEssential: yes\nMulti-Arch: same\nInstalled-Size: 40\nSource: foo (1.0-0)\n'),
      'http://deb.debian.org/debian/',
      'P',
    );
    assert.equal(pkg!.url, 'http://deb.debian.org/debian/pool/main/f/foo/libfoo_1.0-1_amd64.deb');
    assert.equal(pkg!.depends, 'libc6 (>= 2.36)');
    assert.equal(pkg!.preDepends, 'dpkg');
    assert.equal(pkg!.essential, true);
    assert.equal(pkg!.multiArch, 'same');
    assert.equal(pkg!.installedSize, 40);
    assert.equal(pkg!.source, 'foo (1.0-0)');
    assert.equal(pkg!.size, 123);
    assert.equal(pkg!.fields.length, 13);
  });
  test('syntax errors carry the line; comments, CRLF and blank runs between stanzas are fine', () => {
    assert.throws(
      () => parsePackagesIndex(`${stanza('')}\nPackage: b\nbroken line\n`, 'u', 'Packages'),
      (e: unknown) => e instanceof InputError && e.format() === 'Packages:9:1: expected "Field: value", got "broken line"',
    );
    assert.throws(() => parsePackagesIndex(' continued\n', 'u', 'P'), (e: unknown) => e instanceof InputError && e.format() === 'P:1:1: continuation line with no field before it');
    const crlf = `# c\r\n\r\n${stanza('Description: a\n b\n').replace(/\n/g, '\r\n')}\r\n  \r\n\r\n${stanza('').replace('libfoo', 'libbar')}`;
    const pkgs = parsePackagesIndex(crlf, 'u', 'P');
    assert.deepEqual(pkgs.map((p) => p.name), ['libfoo', 'libbar']);
    assert.equal(pkgs[0]!.sha256, 'a'.repeat(64));
    assert.deepEqual(pkgs[0]!.fields.at(-1), ['Description', 'a\n b']);
    // Field names are case-insensitive.
    assert.equal(parsePackagesIndex(stanza('depends: libc6\nPRE-DEPENDS: dpkg\n'), 'u', 'P')[0]!.depends, 'libc6');
    assert.equal(parsePackagesIndex(stanza('depends: libc6\nPre-depends: dpkg\n'), 'u', 'P')[0]!.preDepends, 'dpkg');
    // fields is a plain enumerable property to spreads and writes, though parsed lazily.
    assert.deepEqual({ ...pkgs[1]! }.fields.map(([k]) => k), ['Package', 'Version', 'Architecture', 'Filename', 'Size', 'SHA256']);
  });
  test('missing checksum, bad size, unsafe filename are errors naming the package', () => {
    assert.throws(() => parsePackagesIndex('Package: x\nVersion: 1\nArchitecture: all\nFilename: a.deb\nSize: 1\n', 'u', 'P'), /package x: missing SHA256/);
    assert.throws(() => parsePackagesIndex(stanza('').replace('Size: 123', 'Size: 12x'), 'u', 'P'), /Size is not a number/);
    assert.throws(() => parsePackagesIndex(stanza('').replace('pool/main', '../../etc'), 'u', 'P'), /unsafe Filename/);
  });
});

describe('parseRelease', () => {
  test('reads the SHA256 list and metadata', () => {
    const text = `Origin: Debian\nSuite: stable\nCodename: bookworm\nDate: Sat, 10 May 2025 08:46:18 UTC\nArchitectures: all amd64 arm64\nComponents: main contrib\nSHA256:\n ${sha('b')}   1234 main/binary-amd64/Packages.xz\n ${sha('c')} 99 main/binary-amd64/Release\n`;
    const r = parseRelease(text, 'Release');
    assert.equal(r.codename, 'bookworm');
    assert.deepEqual(r.architectures, ['all', 'amd64', 'arm64']);
    assert.deepEqual(r.sha256.get('main/binary-amd64/Packages.xz'), { size: 1234, sha256: sha('b') });
    assert.equal(r.sha256.size, 2);
  });
  test('a Release without SHA256 is refused', () => {
    assert.throws(() => parseRelease('Suite: x\nMD5Sum:\n 00 1 a\n', 'Release'), /no SHA256 list/);
  });
});
