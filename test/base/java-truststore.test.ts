import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeImage } from '../../src/base/compose-image.js';
import { javaUtf, readJks, writeJks } from '../../src/base/jks.js';
import { debianAlias, javaTruststore, trustedEntries, wantsJavaTruststore } from '../../src/base/java-truststore.js';
import { parseBaseSpec } from '../../src/base/spec.js';
import { InputError } from '../../src/core/errors.js';
import { makeDeb, tempDir } from './deb-fixtures.js';
import { readLayer } from './layer-reader.js';

/** A self-signed certificate made by openssl for this run, as PEM. */
function makeCert(cn: string): string {
  const dir = tempDir('whittle-cert-');
  const out = join(dir, 'c.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', `/CN=${cn}`, '-days', '2', '-keyout', join(dir, 'k.pem'), '-out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return readFileSync(out, 'utf8');
}

const der = (pem: string) => new X509Certificate(pem).raw;
const sha1Keyed = (password: string, body: Buffer) => createHash('sha1').update(Buffer.from(password, 'utf16le').swap16()).update('Mighty Aphrodite').update(body).digest();

let certA: string;
let certB: string;
before(() => {
  certA = makeCert('Root A');
  certB = makeCert('Root B');
});

describe('JKS writer', () => {
  test('round trip: entries come back lower-cased, sorted by alias, with their dates and DER; the digest checks', () => {
    const ks = writeJks([
      { alias: 'Debian:B.pem', date: 1_700_000_000_000, der: der(certB) },
      { alias: 'debian:a.pem', date: 1_700_000_000_000, der: der(certA) },
    ]);
    const back = readJks(ks);
    assert.deepEqual(back.map((e) => e.alias), ['debian:a.pem', 'debian:b.pem']);
    assert.ok(back[0]!.der.equals(der(certA)));
    assert.ok(back[1]!.der.equals(der(certB)));
    assert.equal(back[0]!.date, 1_700_000_000_000);
  });

  test('the layout Java reads: magic, version 2, count, tag 2, writeUTF alias, i64 date, "X.509", length, DER, keyed SHA-1', () => {
    const ks = writeJks([{ alias: 'x', date: 1234, der: der(certA) }]);
    assert.equal(ks.readUInt32BE(0), 0xfeedfeed);
    assert.equal(ks.readUInt32BE(4), 2);
    assert.equal(ks.readUInt32BE(8), 1);
    assert.equal(ks.readUInt32BE(12), 2);
    assert.equal(ks.readUInt16BE(16), 1);
    assert.equal(ks.toString('latin1', 18, 19), 'x');
    assert.equal(ks.readBigInt64BE(19), 1234n);
    assert.equal(ks.readUInt16BE(27), 5);
    assert.equal(ks.toString('latin1', 29, 34), 'X.509');
    const len = ks.readUInt32BE(34);
    assert.ok(ks.subarray(38, 38 + len).equals(der(certA)));
    assert.equal(ks.length, 38 + len + 20);
    assert.ok(ks.subarray(38 + len).equals(sha1Keyed('changeit', ks.subarray(0, 38 + len))), 'SHA-1 over UTF-16BE "changeit", "Mighty Aphrodite", the data');
  });

  test('a wrong password or a changed byte fails the digest', () => {
    const ks = writeJks([{ alias: 'x', date: 0, der: der(certA) }]);
    assert.throws(() => readJks(ks, 'changeme'), /digest mismatch/);
    const damaged = Buffer.from(ks);
    damaged[50] = damaged[50]! ^ 1;
    assert.throws(() => readJks(damaged), /digest mismatch/);
    assert.throws(() => readJks(ks.subarray(0, ks.length - 3)), /digest/);
    assert.throws(() => readJks(Buffer.alloc(40)), /magic/);
  });

  test('reproducible whatever the input order; duplicate aliases refused', () => {
    const a = { alias: 'a', date: 5, der: der(certA) };
    const b = { alias: 'b', date: 5, der: der(certB) };
    assert.ok(writeJks([a, b]).equals(writeJks([b, a])));
    assert.throws(() => writeJks([a, { ...b, alias: 'A' }]), /duplicate JKS alias a/);
  });

  test("Java's modified UTF-8: two-byte NUL, BMP letters as UTF-8, surrogates one by one", () => {
    assert.deepEqual([...javaUtf('\0')], [0, 2, 0xc0, 0x80]);
    assert.deepEqual([...javaUtf('ő')], [0, 2, 0xc5, 0x91]);
    assert.deepEqual([...javaUtf('😀')], [0, 6, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]);
    const ks = writeJks([{ alias: 'netlock_főtanúsítvány😀', date: 0, der: der(certA) }]);
    assert.equal(readJks(ks)[0]!.alias, 'netlock_főtanúsítvány😀');
  });
});

describe('the Java truststore', () => {
  test("aliases as Debian's keystore names them", () => {
    assert.equal(debianAlias('usr/share/ca-certificates/mozilla/ACCVRAIZ1.crt'), 'debian:accvraiz1.pem');
    assert.equal(debianAlias('usr/share/ca-certificates/mozilla/NetLock Arany (Class Gold), X.crt'), 'debian:netlock_arany_=class_gold=__x.pem');
  });

  test('each PEM block of each file is an entry; a block that does not parse is refused, naming the file', () => {
    const entries = trustedEntries([{ path: 'usr/share/ca-certificates/mozilla/Two.crt', data: Buffer.from(certA + certB) }], 1000);
    assert.deepEqual(entries.map((e) => e.alias), ['debian:two.pem', 'debian:two_2.pem']);
    const bad = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    assert.throws(() => trustedEntries([{ path: 'usr/share/ca-certificates/x/Bad.crt', data: Buffer.from(bad) }], 0), (e: unknown) => e instanceof InputError && /\/usr\/share\/ca-certificates\/x\/Bad\.crt: certificate 1 does not parse/.test(e.message));
  });

  test('who wants it: ca-certificates-java, or a package linking to /etc/ssl/certs/java/cacerts', () => {
    const link = { path: 'usr/lib/jvm/j/lib/security/cacerts', type: 'symlink' as const, mode: 0o777, uid: 0, gid: 0, linkTarget: '/etc/ssl/certs/java/cacerts' };
    assert.ok(wantsJavaTruststore('ca-certificates-java', []));
    assert.ok(wantsJavaTruststore('some-jre', [link]));
    assert.ok(!wantsJavaTruststore('some-jre', [{ ...link, linkTarget: '/etc/other' }]));
    assert.ok(wantsJavaTruststore('some-jre', [{ ...link, linkTarget: '../../../../../../etc/ssl/certs/java/cacerts' }]), 'a relative link');
    const [, , , file] = javaTruststore([{ path: 'usr/share/ca-certificates/mozilla/A.crt', data: Buffer.from(certA) }], 1_700_000_000);
    assert.equal(file!.path, 'etc/ssl/certs/java/cacerts');
    assert.equal(readJks(file!.data as Buffer)[0]!.date, 1_700_000_000_000, "the entry's date is the layer's time");
  });

  test("composeImage: the keystore lands in the layer of the package that wants it, timestamped with that layer's time", async () => {
    const debDir = tempDir();
    const ca = makeDeb(debDir, { name: 'ca-certificates', epoch: 1_600_000_000, files: { 'usr/share/ca-certificates/mozilla/Root_B.crt': certB, 'usr/share/ca-certificates/mozilla/Root_A.crt': certA } });
    const cj = makeDeb(debDir, { name: 'ca-certificates-java', depends: 'ca-certificates', epoch: 1_650_000_000, files: { 'etc/ssl/certs/java': { dir: true } } });
    const jre = makeDeb(debDir, { name: 'jre', depends: 'ca-certificates-java', epoch: 1_700_000_000, files: { 'usr/lib/jvm/j/lib/security/cacerts': { link: '/etc/ssl/certs/java/cacerts' } } });
    const debs = [{ name: 'ca-certificates', file: ca }, { name: 'ca-certificates-java', file: cj }, { name: 'jre', file: jre }];
    const compose = (layers: string) => composeImage({ spec: parseBaseSpec('t.yaml', layers), architecture: 'amd64', debs, workDir: tempDir() });

    const img = await compose('layers:\n  system: [ca-certificates]\n  java: [ca-certificates-java]\n  app: [jre]\n');
    const [system, java, app] = await Promise.all(img.layers.map((l) => readLayer(l.layer.file)));
    assert.ok(system!.has('etc/ssl/certs/ca-certificates.crt'));
    assert.ok(!system!.has('etc/ssl/certs/java/cacerts') && !app!.has('etc/ssl/certs/java/cacerts'));
    const member = java!.get('etc/ssl/certs/java/cacerts')!;
    assert.equal(member.mode & 0o777, 0o644);
    const entries = readJks(member.data);
    assert.deepEqual(entries.map((e) => e.alias), ['debian:root_a.pem', 'debian:root_b.pem']);
    assert.ok(entries[0]!.der.equals(der(certA)));
    assert.ok(entries.every((e) => e.date === 1_650_000_000_000));
    const again = await compose('layers:\n  system: [ca-certificates]\n  java: [ca-certificates-java]\n  app: [jre]\n');
    assert.equal(again.image.manifestDigest, img.image.manifestDigest, 'the same .debs give the same image, keystore included');

    // Without ca-certificates-java, the JRE that links to the keystore gets it.
    const noJavaCerts = await composeImage({ spec: parseBaseSpec('t.yaml', 'layers:\n  system: [ca-certificates]\n  app: [jre]\nexclude: [ca-certificates-java]\n'), architecture: 'amd64', debs: [debs[0]!, debs[2]!], workDir: tempDir() });
    assert.equal(readJks((await readLayer(noJavaCerts.layers[1]!.layer.file)).get('etc/ssl/certs/java/cacerts')!.data).length, 2);

    // Nothing Java in the image: no keystore.
    const plain = await composeImage({ spec: parseBaseSpec('t.yaml', 'packages: [ca-certificates]\n'), architecture: 'amd64', debs: [debs[0]!], workDir: tempDir() });
    assert.ok(!(await readLayer(plain.layers[0]!.layer.file)).has('etc/ssl/certs/java/cacerts'));
  });
});
