/**
 * The runtime presets on the real Debian archive, run with buildah: java (its entrypoint /usr/bin/java exists,
 * keytool and Java's TLS stack read the generated truststore), nodejs (runs as nonroot; with --use-openssl-ca it
 * trusts what /etc/ssl/certs/ca-certificates.crt holds, through the OpenSSL links the composer writes) and a
 * -debug variant (busybox sh works; the plain preset has no shell). Each container serves several checks; the
 * proofs rest on exit codes, as buildah run now and then drops a short command's stdout.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildah, containerFrom, ensurePreset, runIn, type BuiltPreset, type RunResult } from './base-images.js';
import { tempDir } from './deb-fixtures.js';

/** The image config of an oci:DIR:TAG layout with one manifest. */
async function imageConfig(preset: BuiltPreset): Promise<{ config: { Entrypoint?: string[]; User?: string } }> {
  const dir = preset.target.replace(/^oci:/, '').replace(/:[^:/]+$/, '');
  const blob = async (digest: string) => JSON.parse(await readFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), 'utf8')) as Record<string, unknown>;
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = (await blob(index.manifests[0]!.digest)) as { config: { digest: string } };
  return (await blob(manifest.config.digest)) as { config: { Entrypoint?: string[]; User?: string } };
}

/** Runs a command whose output the test reads: again when buildah hands back an empty stdout for a success. */
async function runForOutput(container: string, command: string[]): Promise<RunResult> {
  let r = await runIn(container, command);
  for (let i = 0; i < 2 && r.code === 0 && r.stdout.trim() === ''; i++) r = await runIn(container, command);
  return r;
}

async function copyInto(container: string, file: string, to: string, mode = '0644'): Promise<void> {
  const r = await buildah(['copy', '--chmod', mode, container, file, to]);
  assert.equal(r.code, 0, r.stderr);
}

/** Java's default TrustManager (what every TLS client uses) and the keystore file itself; exit codes say which check failed. */
const TRUST_PROBE = `
import java.io.File;
import java.security.KeyStore;
import javax.net.ssl.*;

public class TrustProbe {
  public static void main(String[] args) throws Exception {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    int anchors = 0;
    for (TrustManager t : f.getTrustManagers()) if (t instanceof X509TrustManager x) anchors += x.getAcceptedIssuers().length;
    KeyStore ks = KeyStore.getInstance(new File("/etc/ssl/certs/java/cacerts"), "changeit".toCharArray());
    SSLContext.getDefault().createSSLEngine();
    String user = System.getProperty("user.name");
    System.err.println("anchors=" + anchors + " keystore=" + ks.size() + " type=" + ks.getType() + " user=" + user);
    if (anchors <= 100) System.exit(3);
    if (ks.size() != anchors) System.exit(4);
    if (!"nonroot".equals(user)) System.exit(5);
  }
}
`;

/** A TLS server and client in one node process on 127.0.0.1: exit 0 when the client trusts the server's certificate, 8 when it knows no issuer. */
const TLS_PROBE = `
const tls = require('tls'), fs = require('fs'), os = require('os');
if (os.userInfo().uid !== 65532 || os.userInfo().username !== 'nonroot') process.exit(5);
if (tls.rootCertificates.length <= 100) process.exit(6);
const server = tls.createServer({ key: fs.readFileSync('/probe/leaf.key'), cert: fs.readFileSync('/probe/leaf.crt') }, (s) => s.end('hi'));
server.listen(0, '127.0.0.1', () => {
  const c = tls.connect({ host: '127.0.0.1', port: server.address().port, servername: 'localhost' }, () => { c.end(); server.close(); process.exit(0); });
  c.on('error', (e) => { console.error(e.code || e.message); process.exit(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'].includes(e.code) ? 8 : 7); });
});
`;

/** A throwaway CA and a leaf for localhost it signed, made by openssl for this run. */
function makeCaAndLeaf(): { dir: string; ca: string; key: string; leaf: string } {
  const dir = tempDir('whittle-tls-');
  const p = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  writeFileSync(p('ext'), 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n');
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=whittle test CA', '-days', '2', '-keyout', p('ca.key'), '-out', p('ca.crt'));
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', p('leaf.key'), '-out', p('leaf.csr'));
  ssl('x509', '-req', '-in', p('leaf.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', p('ext'), '-out', p('leaf.crt'));
  return { dir, ca: p('ca.crt'), key: p('leaf.key'), leaf: p('leaf.crt') };
}

describe('whittle base runtime presets, run', { timeout: 30 * 60_000 }, () => {
  let java: BuiltPreset;
  before(async () => {
    java = await ensurePreset('java');
  });

  test('java: the entrypoint /usr/bin/java runs; keytool and the TLS trust manager read the generated truststore as nonroot', async () => {
    const entrypoint = (await imageConfig(java)).config.Entrypoint;
    assert.deepEqual(entrypoint, ['/usr/bin/java']);
    const ctr = await containerFrom(java.target);
    try {
      const version = await runIn(ctr.name, [...entrypoint!, '-version']);
      assert.equal(version.code, 0, version.stderr);
      const keytool = await runForOutput(ctr.name, ['/usr/bin/keytool', '-list', '-cacerts', '-storepass', 'changeit']);
      assert.equal(keytool.code, 0, `keytool read the keystore with Debian's password: ${keytool.stdout}${keytool.stderr}`);
      const count = Number(/Your keystore contains (\d+) entr/.exec(keytool.stdout)?.[1]);
      assert.ok(count > 100, `keystore entries: ${keytool.stdout.slice(0, 300)}`);
      assert.match(keytool.stdout, /debian:isrg_root_x1\.pem, .*trustedCertEntry/);

      const dir = tempDir('whittle-java-probe-');
      writeFileSync(join(dir, 'TrustProbe.java'), TRUST_PROBE);
      await copyInto(ctr.name, join(dir, 'TrustProbe.java'), '/probe/TrustProbe.java');
      const probe = await runIn(ctr.name, ['/usr/bin/java', '/probe/TrustProbe.java']);
      assert.equal(probe.code, 0, `TrustProbe (3: few anchors, 4: keystore and trust manager differ, 5: not nonroot): ${probe.stderr}`);

      const sh = await runIn(ctr.name, ['/bin/sh', '-c', 'true']);
      assert.notEqual(sh.code, 0, 'no shell in the java image');
    } finally {
      await ctr.remove();
    }
  });

  test('java: the image shares the base preset first layer; the JRE layer holds the links and the keystore', async () => {
    const base = await ensurePreset('base');
    assert.equal(java.result.layers[0]!.digest, base.result.layers[0]!.digest);
    assert.ok(java.result.layers[1]!.packages.includes('openjdk-17-jre-headless'));
  });

  test('nodejs: /usr/bin/js links to it; it runs as nonroot; with --use-openssl-ca it trusts the CA in /etc/ssl/certs/ca-certificates.crt, by default it does not', async () => {
    const node = await ensurePreset('nodejs');
    const { dir, ca, key, leaf } = makeCaAndLeaf();
    writeFileSync(join(dir, 'probe.js'), TLS_PROBE);
    const ctr = await containerFrom(node.target);
    try {
      // Node's bundled roots do not know the test CA: the handshake fails for want of an issuer (8), the checks before it passed.
      await copyInto(ctr.name, join(dir, 'probe.js'), '/probe/probe.js');
      await copyInto(ctr.name, key, '/probe/leaf.key');
      await copyInto(ctr.name, leaf, '/probe/leaf.crt');
      const js = await runIn(ctr.name, ['/usr/bin/js', '-e', 'process.exit(3)']);
      assert.equal(js.code, 3, `/usr/bin/js, the alternative nodejs' postinst names: ${js.stderr}`);
      const bundled = await runIn(ctr.name, ['/usr/bin/node', '/probe/probe.js']);
      assert.equal(bundled.code, 8, `5: not nonroot, 6: no bundled roots, 7: another TLS error; ${bundled.stderr}`);
      // The system bundle replaced by the test CA: OpenSSL finds it through /usr/lib/ssl/cert.pem.
      await copyInto(ctr.name, ca, '/etc/ssl/certs/ca-certificates.crt');
      const system = await runIn(ctr.name, ['/usr/bin/node', '--use-openssl-ca', '/probe/probe.js']);
      assert.equal(system.code, 0, `with the system store: ${system.stderr}`);
    } finally {
      await ctr.remove();
    }
  });

  test('base-debug: busybox sh runs a command; the plain base has neither busybox nor a shell; only a layer is added', async () => {
    const base = await ensurePreset('base');
    const debug = await ensurePreset('base-debug');
    assert.deepEqual(debug.result.layers.slice(0, -1).map((l) => l.digest), base.result.layers.map((l) => l.digest));
    assert.deepEqual(debug.result.layers.at(-1)!.packages, ['busybox-static']);
    const dbg = await containerFrom(debug.target);
    try {
      const ok = await runIn(dbg.name, ['/bin/busybox', 'sh', '-c', 'test "$(echo ok)" = ok && exit 42']);
      assert.equal(ok.code, 42, ok.stderr);
    } finally {
      await dbg.remove();
    }
    const plain = await containerFrom(base.target);
    try {
      for (const cmd of [['/bin/sh', '-c', 'exit 42'], ['/bin/busybox', 'sh', '-c', 'exit 42']]) {
        const r = await runIn(plain.name, cmd);
        assert.notEqual(r.code, 42, `${cmd[0]} ran in the plain base`);
        assert.notEqual(r.code, 0);
      }
    } finally {
      await plain.remove();
    }
  });
});
