import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApkInstalled } from '../../src/analyze/packages/apk.js';
import { parseDpkgStatus } from '../../src/analyze/packages/dpkg.js';
import { analyzeLayers } from './image-fixture.js';

const osRelease = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';

const dpkgStatus = `Package: libc6
Status: install ok installed
Priority: optional
Installed-Size: 12986
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: base-files
Status: install ok installed
Installed-Size: 341
Architecture: amd64
Version: 12.4+deb12u5

Package: removed-pkg
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: tzdata
Status: install ok installed
Installed-Size: 2000
Architecture: all
Version: 2024a-0+deb12u1
`;

const upgradedStatus = dpkgStatus.replace('Package: tzdata', 'Package: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u5\nSource: curl (7.88.1-10)\n\nPackage: tzdata');

const apkInstalled = `C:Q1abc=
P:musl
V:1.2.5-r0
A:x86_64
S:407000
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
F:lib
R:ld-musl-x86_64.so.1

C:Q1def=
P:busybox
V:1.36.1-r29
A:x86_64
I:950272
L:GPL-2.0-only
o:busybox
`;

describe('packages', () => {
  it('parses dpkg status: installed packages only, Installed-Size in KiB, source name', () => {
    const pkgs = parseDpkgStatus(dpkgStatus);
    assert.deepEqual(
      pkgs.map((p) => [p.name, p.version, p.architecture, p.installedSizeBytes, p.source]),
      [
        ['libc6', '2.36-9+deb12u4', 'amd64', 12986 * 1024, 'glibc'],
        ['base-files', '12.4+deb12u5', 'amd64', 341 * 1024, null],
        ['tzdata', '2024a-0+deb12u1', 'all', 2000 * 1024, null],
      ],
    );
  });

  it('parses the apk installed database', () => {
    assert.deepEqual(parseApkInstalled(apkInstalled), [
      { name: 'musl', version: '1.2.5-r0', architecture: 'x86_64', installedSizeBytes: 622592, source: 'musl', license: 'MIT' },
      { name: 'busybox', version: '1.36.1-r29', architecture: 'x86_64', installedSizeBytes: 950272, source: 'busybox', license: 'GPL-2.0-only' },
    ]);
  });

  it('lists the final image dpkg packages with purls and the layer each first appeared in', async () => {
    const r = await analyzeLayers([
      [{ path: 'etc/os-release', content: osRelease }, { path: 'var/lib/dpkg/status', content: dpkgStatus }],
      [{ path: 'var/lib/dpkg/status', content: upgradedStatus }],
    ]);
    assert.deepEqual(r.os, { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', versionCodename: 'bookworm' });
    assert.deepEqual(r.packageManagers.dpkg, { present: true, count: 4 });
    assert.equal(r.packageManagers.apk.present, false);
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.layer, p.purl]),
      [
        ['base-files', 0, 'pkg:deb/debian/base-files@12.4+deb12u5?arch=amd64&distro=debian-12'],
        ['curl', 1, 'pkg:deb/debian/curl@7.88.1-10+deb12u5?arch=amd64&distro=debian-12'],
        ['libc6', 0, 'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12'],
        ['tzdata', 0, 'pkg:deb/debian/tzdata@2024a-0+deb12u1?arch=all&distro=debian-12'],
      ],
    );
  });

  it('reads distroless status.d files and follows an os-release symlink', async () => {
    const r = await analyzeLayers([
      [
        { path: 'usr/lib/os-release', content: osRelease },
        { path: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
        { path: 'var/lib/dpkg/status.d/libssl3', content: 'Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n' },
        { path: 'var/lib/dpkg/status.d/libssl3.md5sums', content: 'abc  usr/lib/x\n' },
      ],
    ]);
    assert.equal(r.os?.id, 'debian');
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, p.source, p.purl]),
      [['libssl3', '3.0.11-1~deb12u2', 'openssl', 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12']],
    );
  });

  it('lists apk packages and encodes purl versions', async () => {
    const r = await analyzeLayers([
      [
        { path: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' },
        { path: 'lib/apk/db/installed', content: apkInstalled },
      ],
    ]);
    assert.deepEqual(r.packageManagers.apk, { present: true, count: 2 });
    assert.deepEqual(
      r.packages.map((p) => p.purl),
      ['pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3', 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3'],
    );
    assert.equal(r.packages[1]!.license, 'MIT');
  });

  it('a package database deleted by a later layer lists nothing', async () => {
    const r = await analyzeLayers([[{ path: 'var/lib/dpkg/status', content: dpkgStatus }], [{ path: 'var/lib/dpkg/.wh.status' }]]);
    assert.equal(r.packages.length, 0);
    assert.equal(r.packageManagers.dpkg.present, false);
  });

  it('detects an rpm database and says it is not read', async () => {
    const r = await analyzeLayers([[{ path: 'var/lib/rpm/rpmdb.sqlite', content: Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200)]) }]]);
    assert.deepEqual(r.packageManagers.rpm, {
      present: true,
      parsed: false,
      database: '/var/lib/rpm/rpmdb.sqlite (sqlite)',
      note: 'rpm databases are detected but not read: the rpm packages are not listed',
    });
  });
});
