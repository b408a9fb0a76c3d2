import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dedupe, dropUnwanted, isDropped, toMergedUsr } from '../../src/base/compose.js';
import { composeImage } from '../../src/base/compose-image.js';
import { planLayers } from '../../src/base/layers.js';
import { parseBaseSpec } from '../../src/base/spec.js';
import type { LayerEntry } from '../../src/image/write/types.js';
import { makeDeb, tempDir } from './deb-fixtures.js';
import { readLayer } from './layer-reader.js';

const f = (path: string, text = 'x'): LayerEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from(text), size: text.length });
const l = (path: string, linkTarget: string): LayerEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkTarget });
const d = (path: string): LayerEntry => ({ path, type: 'directory', mode: 0o755, uid: 0, gid: 0 });

describe('composition rules', () => {
  test('docs, man, info, locales and lintian are dropped; copyright files stay', () => {
    assert.ok(isDropped('usr/share/doc/libc6/changelog.Debian.gz', []));
    assert.ok(!isDropped('usr/share/doc/libc6/copyright', []));
    assert.ok(!isDropped('usr/share/doc/libc6', []));
    assert.ok(isDropped('usr/share/doc/libc6/examples/x', []));
    assert.ok(isDropped('usr/share/man/man1/ls.1.gz', []));
    assert.ok(isDropped('usr/share/info/dir', []));
    assert.ok(isDropped('usr/share/locale/de/LC_MESSAGES/x.mo', []));
    assert.ok(!isDropped('usr/share/locale/de/LC_MESSAGES/x.mo', ['locales']));
    assert.ok(isDropped('usr/share/lintian/overrides/libc6', []));
    assert.ok(!isDropped('usr/share/doc/libc6/changelog.Debian.gz', ['docs']));
    assert.ok(!isDropped('usr/share/zoneinfo/UTC', []));
  });

  test('hardlinks to a dropped file are dropped with it', () => {
    const hard: LayerEntry = { path: 'usr/bin/x', type: 'hardlink', mode: 0o644, uid: 0, gid: 0, linkTarget: 'usr/share/man/man1/x.1' };
    assert.deepEqual(dropUnwanted([f('usr/share/man/man1/x.1'), hard, f('usr/bin/y')], []).map((e) => e.path), ['usr/bin/y']);
  });

  test('merged /usr: top-level bin, lib, lib64, sbin content moves under usr/, relative links that climb become absolute', () => {
    const out = toMergedUsr([d('bin'), f('bin/dash'), l('bin/sh', 'dash'), d('lib'), l('lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'), l('lib/x/y', '../../usr/lib/z'), f('usr/bin/keep')]);
    const byPath = new Map(out.map((e) => [e.path, e]));
    assert.ok(!byPath.has('bin') && !byPath.has('lib'));
    assert.ok(byPath.has('usr/bin/dash'));
    assert.equal(byPath.get('usr/bin/sh')!.linkTarget, 'dash');
    assert.equal(byPath.get('usr/lib64/ld-linux-x86-64.so.2')!.linkTarget, '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
    assert.equal(byPath.get('usr/lib/x/y')!.linkTarget, '/usr/lib/z');
    assert.ok(byPath.has('usr/bin/keep'));
  });

  test('dedupe: a file beats a compat symlink, later generated files replace package files, directories keep the first', () => {
    const out = dedupe([f('usr/bin/x', 'real'), l('usr/bin/x', '/bin/x'), f('etc/passwd', 'pkg'), f('etc/passwd', 'generated'), d('etc'), { ...d('etc'), mode: 0o700 }]);
    const byPath = new Map(out.map((e) => [e.path, e]));
    assert.equal(byPath.get('usr/bin/x')!.type, 'file');
    assert.equal((byPath.get('etc/passwd')!.data as Buffer).toString(), 'generated');
    assert.equal(byPath.get('etc')!.mode, 0o755);
    assert.deepEqual(out.map((e) => e.path), ['etc', 'etc/passwd', 'usr/bin/x']);
  });
});

describe('planLayers', () => {
  const nodes = [
    { name: 'libc6', depends: [['libgcc-s1']], provides: [] },
    { name: 'libgcc-s1', depends: [['gcc-12-base'], ['libc6']], provides: [] },
    { name: 'gcc-12-base', depends: [], provides: [] },
    { name: 'libssl3', depends: [['libc6']], provides: [] },
    { name: 'python3', depends: [['python3.11'], ['libssl3']], provides: [] },
    { name: 'python3.11', depends: [['libc6'], ['mime-support', 'media-types']], provides: [] },
    { name: 'media-types', depends: [], provides: ['mime-support'] },
    { name: 'tzdata', depends: [['debconf', 'debconf-2.0']], provides: [] },
  ];

  test('dependencies go to the earliest layer whose request needs them; the rest to the last layer', () => {
    const plans = planLayers([{ name: 'system', packages: ['libc6', 'libssl3'] }, { name: 'runtime', packages: ['python3'] }], ['libc6', 'libssl3', 'python3', 'tzdata'], nodes);
    assert.deepEqual(plans, [
      { name: 'system', packages: ['gcc-12-base', 'libc6', 'libgcc-s1', 'libssl3'] },
      { name: 'runtime', packages: ['media-types', 'python3', 'python3.11', 'tzdata'] },
    ]);
  });

  test('no layers: one layer with everything', () => {
    const plans = planLayers([], ['python3'], nodes);
    assert.equal(plans.length, 1);
    assert.deepEqual(plans[0]!.packages, nodes.map((n) => n.name).sort());
  });

  test('the first layer is the same whatever later layers ask for (shared between images)', () => {
    const a = planLayers([{ name: 'system', packages: ['libc6'] }, { name: 'x', packages: ['python3'] }], [], nodes);
    const b = planLayers([{ name: 'system', packages: ['libc6'] }, { name: 'x', packages: ['tzdata'] }], [], nodes);
    assert.deepEqual(a[0], b[0]);
  });
});

describe('composeImage', () => {
  test('builds layers from .debs: merged /usr, status.d, certificates, accounts, reproducible', async () => {
    const debDir = tempDir();
    const debs = [
      makeDeb(debDir, {
        name: 'libfoo1',
        depends: 'base-files',
        files: { 'lib/x86_64-linux-gnu/libfoo.so.1': 'ELF', 'usr/share/doc/libfoo1/copyright': 'MIT', 'usr/share/doc/libfoo1/changelog.gz': 'log', 'usr/share/man/man3/foo.3': 'man' },
      }),
      makeDeb(debDir, { name: 'base-files', version: '12.4', files: { 'usr/lib/os-release': 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian test"\n', 'etc/os-release': { link: '../usr/lib/os-release' } } }),
      makeDeb(debDir, {
        name: 'ca-certificates',
        compression: 'gzip',
        files: { 'usr/share/ca-certificates/mozilla/B.crt': '-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----', 'usr/share/ca-certificates/mozilla/A.crt': '-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n', 'etc/ssl/certs': { dir: true } },
      }),
      makeDeb(debDir, { name: 'app', depends: 'libfoo1, ca-certificates', compression: 'zstd', files: { 'usr/bin/app': { data: 'run', mode: 0o755 }, 'bin/app-compat': 'old' } }),
    ];
    const spec = parseBaseSpec('t.yaml', 'layers:\n  system: [libfoo1]\n  app: [app]\nlabels: { a: b }\n');
    const names = ['libfoo1', 'base-files', 'ca-certificates', 'app'];
    const build = async () => composeImage({ spec, architecture: 'amd64', debs: debs.map((file, i) => ({ name: names[i]!, file })), workDir: tempDir(), mtime: 1700000000 });
    const img = await build();
    assert.deepEqual(img.layers.map((l) => [l.name, l.packages]), [
      ['system', ['base-files', 'libfoo1']],
      ['app', ['app', 'ca-certificates']],
    ]);
    const first = await readLayer(img.layers[0]!.layer.file);
    const second = await readLayer(img.layers[1]!.layer.file);
    assert.ok(first.has('usr/lib/x86_64-linux-gnu/libfoo.so.1'));
    assert.ok(!first.has('lib/x86_64-linux-gnu/libfoo.so.1'));
    for (const dir of ['bin', 'lib', 'lib64', 'sbin']) {
      assert.equal(first.get(dir)!.type, 'symlink', dir);
      assert.equal(first.get(dir)!.linkname, `usr/${dir}`);
    }
    assert.ok(first.has('usr/share/doc/libfoo1/copyright'));
    assert.ok(!first.has('usr/share/doc/libfoo1/changelog.gz'));
    assert.ok(!first.has('usr/share/man/man3/foo.3'));
    assert.match(first.get('etc/passwd')!.data.toString(), /^nonroot:x:65532:65532:nonroot:\/home\/nonroot:\/sbin\/nologin$/m);
    assert.match(first.get('etc/group')!.data.toString(), /^nonroot:x:65532:$/m);
    assert.equal(first.get('etc/os-release')!.data.toString(), 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian test"\n');
    assert.equal(first.get('tmp')!.mode, 0o1777);
    assert.equal(first.get('home/nonroot')!.uid, 65532);
    assert.match(first.get('var/lib/dpkg/status.d/libfoo1')!.data.toString(), /^Package: libfoo1\nStatus: install ok installed\nVersion: 1.0-1\n/);
    assert.ok(!first.has('var/lib/dpkg/status.d/app'));
    assert.match(second.get('var/lib/dpkg/status.d/app')!.data.toString(), /^Package: app\n/);
    assert.ok(!second.has('var/lib/dpkg/status.d/app.md5sums'), 'no md5sums in the .deb, none in the database');
    assert.equal(second.get('usr/bin/app')!.mode, 0o755);
    assert.equal(second.get('usr/bin/app-compat')!.data.toString(), 'old');
    assert.equal(
      second.get('etc/ssl/certs/ca-certificates.crt')!.data.toString(),
      '-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----\n',
    );
    for (const m of first.values()) assert.equal(m.mtime, 1700000000);
    const config = JSON.parse(img.image.config.toString()) as { config: { User: string; Env: string[]; WorkingDir: string; Labels: Record<string, string> }; architecture: string };
    assert.equal(config.config.User, '65532');
    assert.equal(config.config.WorkingDir, '/home/nonroot');
    assert.ok(config.config.Env.some((e) => e.startsWith('PATH=/usr/local/sbin:')));
    assert.deepEqual(config.config.Labels, { a: 'b' });
    assert.equal(config.architecture, 'amd64');
    assert.deepEqual(img.packages.map((p) => p.name).sort(), ['app', 'base-files', 'ca-certificates', 'libfoo1']);

    const again = await build();
    assert.equal(again.image.manifestDigest, img.image.manifestDigest, 'same debs, same spec: same digest');
  });

  test('without a fixed timestamp each layer takes its own packages\' newest build time, so first layers stay shared', async () => {
    const debDir = tempDir();
    const lib = makeDeb(debDir, { name: 'libx', epoch: 1_600_000_000, files: { 'usr/lib/libx.so': 'x' } });
    const old = makeDeb(debDir, { name: 'old-app', epoch: 1_650_000_000, depends: 'libx', files: { 'usr/bin/a': 'a' } });
    const fresh = makeDeb(debDir, { name: 'new-app', epoch: 1_750_000_000, depends: 'libx', files: { 'usr/bin/b': 'b' } });
    const compose = (name: string, file: string) =>
      composeImage({ spec: parseBaseSpec('t', `layers:\n  system: [libx]\n  app: [${name}]\n`), architecture: 'amd64', debs: [{ name: 'libx', file: lib }, { name, file }], workDir: tempDir() });
    const a = await compose('old-app', old);
    const b = await compose('new-app', fresh);
    assert.equal(a.layers[0]!.layer.digest, b.layers[0]!.layer.digest);
    assert.notEqual(a.layers[1]!.layer.digest, b.layers[1]!.layer.digest);
    assert.equal((await readLayer(b.layers[0]!.layer.file)).get('usr/lib/libx.so')!.mtime, 1_600_000_000);
    assert.equal((await readLayer(b.layers[1]!.layer.file)).get('usr/bin/b')!.mtime, 1_750_000_000);
    assert.equal(b.mtime, 1_750_000_000);
  });

  test('root user and a generated os-release when base-files is absent; default timestamp is the newest package', async () => {
    const debDir = tempDir();
    const file = makeDeb(debDir, { name: 'solo', files: { 'usr/bin/solo': 'x' } });
    const spec = parseBaseSpec('t.yaml', 'suite: bookworm\npackages: [solo]\nuser: root\n');
    const img = await composeImage({ spec, architecture: 'arm64', debs: [{ name: 'solo', file }], workDir: tempDir() });
    const layer = await readLayer(img.layers[0]!.layer.file);
    assert.match(layer.get('etc/os-release')!.data.toString(), /VERSION_CODENAME=bookworm/);
    const config = JSON.parse(img.image.config.toString()) as { config: { User: string; WorkingDir?: string }; architecture: string; variant: string };
    assert.equal(config.config.User, '0');
    assert.equal(config.config.WorkingDir, undefined);
    assert.equal(config.variant, 'v8');
    assert.ok(img.mtime > 1_600_000_000 && img.mtime <= Date.now() / 1000 + 5);
  });
});

describe('generated files', () => {
  test('a custom user gets its passwd and group lines and its home', async () => {
    const { passwdText, groupText, systemFiles } = await import('../../src/base/generated.js');
    const user = { name: 'svc', uid: 1001, home: '/srv/svc' };
    const group = { name: 'svc', gid: 1001 };
    assert.match(passwdText(user, group), /^svc:x:1001:1001:svc:\/srv\/svc:\/sbin\/nologin$/m);
    assert.match(passwdText(user, group), /^root:x:0:0:/m);
    assert.match(groupText(group), /^svc:x:1001:$/m);
    const home = systemFiles({ user, group, suite: 'bookworm' }).find((e) => e.path === 'srv/svc')!;
    assert.deepEqual([home.type, home.uid, home.gid, home.mode], ['directory', 1001, 1001, 0o700]);
  });

  test('the certificate bundle comes with the OpenSSL directory links', async () => {
    const { certificateBundle } = await import('../../src/base/generated.js');
    const byPath = new Map(certificateBundle([{ path: 'usr/share/ca-certificates/a.crt', data: Buffer.from('A') }]).map((e) => [e.path, e]));
    assert.equal(byPath.get('usr/lib/ssl/cert.pem')!.linkTarget, '/etc/ssl/certs/ca-certificates.crt');
    assert.equal(byPath.get('usr/lib/ssl/certs')!.linkTarget, '/etc/ssl/certs');
    assert.equal((byPath.get('etc/ssl/certs/ca-certificates.crt')!.data as Buffer).toString(), 'A\n');
  });
});
