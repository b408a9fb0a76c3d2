/**
 * whittle base against the real Debian archive: the static, base and python3 presets built as OCI layouts, run
 * with buildah (a static binary, a dynamic one, python3 with ssl), read back by whittle inspect, built twice.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBase } from '../../src/base/build.js';
import { inspectWritten } from '../../src/base/sbom.js';
import { baseCacheDir, buildah, containerFrom, ensurePreset, runIn, runProgram, TEST_EPOCH, type BuiltPreset } from './base-images.js';
import { whittle } from './cli-run.js';
import { startRegistry } from '../helpers/registry.js';

const PROBE_C = `
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(void) {
  char line[4096];
  int certs = 0, nonroot = 0;
  FILE *f = fopen("/etc/ssl/certs/ca-certificates.crt", "r");
  if (f) { while (fgets(line, sizeof line, f)) if (strncmp(line, "-----BEGIN CERTIFICATE-----", 27) == 0) certs++; fclose(f); }
  FILE *p = fopen("/etc/passwd", "r");
  if (p) { while (fgets(line, sizeof line, p)) if (strncmp(line, "nonroot:x:65532:65532:", 22) == 0) nonroot = 1; fclose(p); }
  int tz = access("/usr/share/zoneinfo/Europe/Paris", R_OK) == 0;
  int services = access("/etc/services", R_OK) == 0;
  printf("uid=%d certs=%d nonroot=%d tz=%d services=%d\\n", (int)getuid(), certs, nonroot, tz, services);
  return 0;
}
`;

/** Compiles the probe (static or dynamic) once per process. */
async function probe(kind: 'static' | 'dynamic'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-probe-'));
  writeFileSync(join(dir, 'probe.c'), PROBE_C);
  const out = join(dir, `probe-${kind}`);
  const r = await runProgram('gcc', [...(kind === 'static' ? ['-static'] : []), '-O2', '-o', out, join(dir, 'probe.c')]);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

function parseProbe(stdout: string): Record<string, number> {
  return Object.fromEntries(stdout.trim().split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k!, Number(v)]));
}

async function runProbe(preset: BuiltPreset, binary: string): Promise<Record<string, number>> {
  const ctr = await containerFrom(preset.target);
  try {
    const copy = await buildah(['copy', '--chmod', '0755', ctr.name, binary, '/usr/local/bin/probe']);
    assert.equal(copy.code, 0, copy.stderr);
    const r = await runIn(ctr.name, ['/usr/local/bin/probe']);
    assert.equal(r.code, 0, r.stderr);
    return parseProbe(r.stdout);
  } finally {
    await ctr.remove();
  }
}

describe('whittle base on the real Debian archive', { timeout: 30 * 60_000 }, () => {
  let staticImg: BuiltPreset;
  let baseImg: BuiltPreset;
  let python: BuiltPreset;
  before(async () => {
    staticImg = await ensurePreset('static');
    baseImg = await ensurePreset('base');
    python = await ensurePreset('python3');
  });

  test('static: a static binary runs as nonroot with certificates, time zones and /etc/services; no libc inside', async () => {
    const got = await runProbe(staticImg, await probe('static'));
    assert.equal(got.uid, 65532);
    assert.ok(got.certs! > 100, `certificates in the bundle: ${got.certs}`);
    assert.deepEqual([got.nonroot, got.tz, got.services], [1, 1, 1]);
    const names = staticImg.result.packages.map((p) => p.name);
    assert.deepEqual(names.sort(), ['ca-certificates', 'netbase', 'tzdata']);
  });

  test('base: a dynamically linked binary runs on the image glibc; libssl3 resolves all its libraries', async () => {
    const got = await runProbe(baseImg, await probe('dynamic'));
    assert.equal(got.uid, 65532);
    assert.ok(got.certs! > 100);
    const ctr = await containerFrom(baseImg.target);
    try {
      const r = await runIn(ctr.name, ['/lib64/ld-linux-x86-64.so.2', '--list', '/usr/lib/x86_64-linux-gnu/libssl.so.3']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /libcrypto\.so\.3 => \/lib\/x86_64-linux-gnu\/libcrypto\.so\.3|libcrypto\.so\.3 => \/usr\/lib\/x86_64-linux-gnu\/libcrypto\.so\.3/);
      assert.doesNotMatch(r.stdout, /not found/);
    } finally {
      await ctr.remove();
    }
  });

  test('python3: import ssl, json; the default context loads the certificate bundle; not root', async () => {
    const ctr = await containerFrom(python.target);
    try {
      const code = 'import ssl, json, os, pwd; c = ssl.create_default_context(); print(json.dumps({"uid": os.getuid(), "user": pwd.getpwuid(os.getuid()).pw_name, "ca": c.cert_store_stats()["x509_ca"], "cwd": os.getcwd(), "tls": ssl.OPENSSL_VERSION}))';
      const r = await runIn(ctr.name, ['/usr/bin/python3', '-c', code]);
      assert.equal(r.code, 0, r.stderr);
      const got = JSON.parse(r.stdout) as { uid: number; user: string; ca: number; cwd: string; tls: string };
      assert.equal(got.uid, 65532);
      assert.equal(got.user, 'nonroot');
      assert.ok(got.ca > 100, `CA certificates OpenSSL loaded: ${got.ca}`);
      assert.equal(got.cwd, '/home/nonroot');
      assert.match(got.tls, /^OpenSSL 3\./);
      const sh = await runIn(ctr.name, ['/bin/sh', '-c', 'true']);
      assert.notEqual(sh.code, 0, 'no shell in the python3 image');
    } finally {
      await ctr.remove();
    }
  });

  test('presets share their first layer', () => {
    const first = (p: BuiltPreset) => p.result.layers[0]!.digest;
    assert.equal(first(baseImg), first(python));
    assert.notEqual(first(staticImg), first(baseImg));
  });

  test('built twice (from the lock, and resolved again from the archive): the same digest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-twice-'));
    const fromLock = await buildBase({ preset: 'python3', output: `oci:${join(dir, 'a')}:latest`, lock: python.lockFile, cacheDir: baseCacheDir, sourceDateEpoch: TEST_EPOCH });
    assert.equal(fromLock.lockWritten, false);
    assert.equal(fromLock.digest, python.result.digest);
    const lockCopy = join(dir, 'fresh.lock');
    const fresh = await buildBase({ preset: 'python3', output: `oci:${join(dir, 'b')}:latest`, lock: lockCopy, cacheDir: baseCacheDir, sourceDateEpoch: TEST_EPOCH, update: true });
    assert.equal(fresh.lockWritten, true);
    // The archive may have moved since the cached build; then the locks differ and so may the digests.
    if ((await readFile(lockCopy, 'utf8')) === (await readFile(python.lockFile, 'utf8'))) assert.equal(fresh.digest, python.result.digest);
    else assert.notEqual(fresh.digest, '');
  });

  test('whittle inspect lists the packages from the dpkg database, the OS and the nonroot user', async () => {
    const r = await whittle(['inspect', python.target, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { packages: { name: string; version: string; manager: string }[]; os: { id: string; versionId: string } | null; config: { user: string | null } };
    const listed = new Map(report.packages.map((p) => [p.name, p.version]));
    for (const p of python.result.packages) assert.equal(listed.get(p.name), p.version, p.name);
    assert.equal(report.packages.length, python.result.packages.length);
    assert.equal(report.os?.id, 'debian');
    assert.equal(report.os?.versionId, '12');
  });

  test('the SBOM lists exactly the packages inside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-sbom-'));
    const sbom = join(dir, 'static.cdx.json');
    const r = await whittle(['base', '--preset', 'static', '-o', `oci:${join(dir, 'img')}:latest`, '--cache-dir', baseCacheDir, '--lock', staticImg.lockFile, '--sbom', sbom]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 packages, 1 layer/);
    assert.match(r.stdout, /digest sha256:[0-9a-f]{64}/);
    const bom = JSON.parse(await readFile(sbom, 'utf8')) as { bomFormat: string; components: { name: string; version: string; purl: string }[] };
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.deepEqual(bom.components.map((c) => c.name).sort(), staticImg.result.packages.map((p) => p.name).sort());
    assert.ok(bom.components.every((c) => c.purl.startsWith('pkg:deb/debian/')));
  });

  test('several architectures make one OCI index; a docker-archive holds one platform', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-multi-'));
    const layout = join(dir, 'multi');
    const r = await whittle(['base', '--preset', 'static', '--arch', 'amd64', '--arch', 'arm64', '-o', `oci:${layout}:latest`, '--cache-dir', baseCacheDir, '--lock', join(dir, 'multi.lock')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /amd64: 3 packages/);
    assert.match(r.stdout, /arm64: 3 packages/);
    const top = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string; mediaType: string }[] };
    const indexBlob = JSON.parse(await readFile(join(layout, 'blobs', 'sha256', top.manifests[0]!.digest.slice(7)), 'utf8')) as { manifests: { platform: { architecture: string; variant?: string } }[] };
    assert.deepEqual(indexBlob.manifests.map((m) => m.platform.architecture).sort(), ['amd64', 'arm64']);
    const lock = await readFile(join(dir, 'multi.lock'), 'utf8');
    assert.match(lock, /^ {2}amd64:$/m);
    assert.match(lock, /^ {2}arm64:$/m);

    const archive = join(dir, 'static.tar');
    process.env.SOURCE_DATE_EPOCH = String(TEST_EPOCH);
    const single = await whittle(['base', '--preset', 'static', '-o', `docker-archive:${archive}:whittle/static:test`, '--cache-dir', baseCacheDir, '--lock', staticImg.lockFile]).finally(() => delete process.env.SOURCE_DATE_EPOCH);
    assert.equal(single.code, 0, single.stderr);
    assert.equal(single.stdout.match(/digest (sha256:\S+)/)![1], staticImg.result.digest, 'same manifest whatever the output format');
    const inspected = await whittle(['inspect', `docker-archive:${archive}`, '--format', 'json']);
    assert.equal(inspected.code, 0, inspected.stderr);
    assert.equal((JSON.parse(inspected.stdout) as { packages: unknown[] }).packages.length, 3);
  });

  test('pushes to a registry; inspect reads the pushed image back', async () => {
    const registry = await startRegistry();
    try {
      const ref = `${registry.host}/whittle/static:test`;
      process.env.SOURCE_DATE_EPOCH = String(TEST_EPOCH);
      const r = await whittle(['base', '--preset', 'static', '-o', ref, '--insecure', '--cache-dir', baseCacheDir, '--lock', staticImg.lockFile]).finally(() => delete process.env.SOURCE_DATE_EPOCH);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.match(/digest (sha256:\S+)/)![1], staticImg.result.digest);
      const inspected = await whittle(['inspect', ref, '--insecure', '--format', 'json']);
      assert.equal(inspected.code, 0, inspected.stderr);
      const report = JSON.parse(inspected.stdout) as { packages: { name: string }[]; image: { digest: string } };
      assert.deepEqual(report.packages.map((p) => p.name).sort(), ['ca-certificates', 'netbase', 'tzdata']);
    } finally {
      await registry.stop();
    }
  });

  test('--add puts extra packages in the last layer; the first layer stays shared', async () => {
    const withPq = await ensurePreset('python3', ['libpq5']);
    assert.ok(withPq.result.layers.at(-1)!.packages.includes('libpq5'));
    assert.equal(withPq.result.layers[0]!.digest, python.result.layers[0]!.digest);
    const report = await inspectWritten(withPq.target);
    assert.ok(report.packages.some((p) => p.name === 'libpq5'));
  });
});

describe('whittle base errors: one line, exit 2, nothing written', { timeout: 10 * 60_000 }, () => {
  const noStack = (stderr: string) => {
    const last = stderr.trim().split('\n').at(-1)!;
    assert.doesNotMatch(stderr, /^\s+at |node:internal|\.ts:\d+/m);
    return last;
  };

  test('a package that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-err-'));
    const spec = join(dir, 'whittle-base.yaml');
    writeFileSync(spec, 'packages: [libc6, no-such-package-xyz]\n');
    const out = join(dir, 'out');
    const r = await whittle(['base', spec, '-o', `oci:${out}:latest`, '--cache-dir', baseCacheDir]);
    assert.equal(r.code, 2);
    assert.match(noStack(r.stderr), /no-such-package-xyz/);
    assert.ok(!existsSync(out) && !existsSync(join(dir, 'whittle-base.lock')));
  });

  test('an unreachable archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-err-'));
    const spec = join(dir, 'whittle-base.yaml');
    writeFileSync(spec, 'sources:\n  - url: http://127.0.0.1:1/debian\n    suite: bookworm\npackages: [libc6]\n');
    const out = join(dir, 'out.tar');
    const r = await whittle(['base', spec, '-o', `oci-archive:${out}`, '--cache-dir', join(dir, 'cache')]);
    assert.equal(r.code, 2);
    assert.match(noStack(r.stderr), /127\.0\.0\.1:1/);
    assert.ok(!existsSync(out) && !existsSync(join(dir, 'whittle-base.lock')));
  });

  test('a corrupt .deb in the cache: --offline names and removes it (exit 2, no output); online it is fetched again', async () => {
    const staticImg = await ensurePreset('static');
    const dir = mkdtempSync(join(tmpdir(), 'whittle-base-err-'));
    const cache = join(dir, 'cache');
    // A private cache with the index and .debs of the static preset, one .deb then damaged in place (same size).
    const first = await buildBase({ preset: 'static', output: `oci:${join(dir, 'warm')}:latest`, lock: staticImg.lockFile, cacheDir: cache });
    assert.ok(first.digest);
    const lock = await readFile(staticImg.lockFile, 'utf8');
    const sha = /name: tzdata\n(?:\s+\w+: .*\n)*?\s+sha256: ([0-9a-f]{64})/.exec(lock)![1]!;
    const deb = join(cache, 'debs', `${sha}.deb`);
    const bytes = await readFile(deb);
    for (let i = 2000; i < bytes.length; i += 997) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(deb, bytes);
    const out = join(dir, 'out');
    const r = await whittle(['base', '--preset', 'static', '-o', `oci:${out}:latest`, '--lock', staticImg.lockFile, '--cache-dir', cache, '--offline']);
    assert.equal(r.code, 2);
    assert.match(noStack(r.stderr), /tzdata .*the cached \.deb is corrupt.*removed it, run without --offline/);
    assert.ok(!existsSync(deb));
    assert.ok(!existsSync(out));
    const again = await whittle(['base', '--preset', 'static', '-o', `oci:${out}:latest`, '--lock', staticImg.lockFile, '--cache-dir', cache]);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(existsSync(out));
  });

  test('--list-presets and --show-preset', async () => {
    const list = await whittle(['base', '--list-presets']);
    assert.equal(list.code, 0);
    for (const name of ['static', 'base', 'python3', 'nodejs', 'java', 'base-debug']) assert.match(list.stdout, new RegExp(`^${name} `, 'm'));
    const show = await whittle(['base', '--show-preset', 'python3']);
    assert.match(show.stdout, /runtime: \[python3\]/);
    const bad = await whittle(['base', '--show-preset', 'alpine']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown preset "alpine"/);
  });
});
