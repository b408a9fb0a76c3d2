import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { assertNoStack, runCli } from '../cli/run-cli.js';
import { writeOciLayout } from '../helpers/image-writer.js';
import { fixturesDir } from '../helpers/paths.js';

const fixture = (name: string): string => join(fixturesDir, 'k8s', name);

describe('whittle k8s (real CLI)', () => {
  it('hardened manifest: exit 0', () => {
    const r = runCli(['k8s', fixture('hardened.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no problems in 1 file/);
  });

  it('findings: exit 1; --failure-threshold error still fails on errors, none never fails', () => {
    assert.equal(runCli(['k8s', fixture('web-deployment.yaml')]).code, 1);
    assert.equal(runCli(['k8s', '--failure-threshold', 'error', fixture('web-deployment.yaml')]).code, 1);
    assert.equal(runCli(['k8s', '--failure-threshold', 'none', fixture('web-deployment.yaml')]).code, 0);
    // The CronJob's only error is ignored: warnings are below the threshold.
    assert.equal(runCli(['k8s', '--failure-threshold', 'error', '--ignore', 'run-as-non-root-contradicted', fixture('cronjob.yaml')]).code, 0);
  });

  it('malformed YAML: one line file:line:col, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-k8s-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'kind: Pod\nspec:\n  containers: [a, b\n---\nkind: Pod\n');
    const r = runCli(['k8s', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1: invalid YAML: `, 'm'));
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assertNoStack(r.stderr);
  });

  it('reads stdin ("-") and notes the kinds it skipped; json format is machine-readable', () => {
    const text = readFileSync(fixture('helm-release.yaml'), 'utf8');
    const r = runCli(['k8s', '-'], { input: text });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^-$/m);
    assert.match(r.stdout, /note: skipped objects without a pod spec: Service, ConfigMap/);
    const j = runCli(['k8s', '-f', 'json', '-'], { input: text });
    const parsed = JSON.parse(j.stdout) as unknown;
    assert.ok(JSON.stringify(parsed).includes('host-namespaces'));
    const sarif = JSON.parse(runCli(['k8s', '-f', 'sarif', '-'], { input: text }).stdout) as { runs: Array<{ results: unknown[] }> };
    assert.ok(sarif.runs[0]!.results.length > 0);
  });

  it('--fix writes atomically keeping the mode; --dry-run writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-k8s-'));
    const file = join(dir, 'cron.yaml');
    const original = readFileSync(fixture('cronjob.yaml'), 'utf8');
    writeFileSync(file, original);
    chmodSync(file, 0o640);
    const dry = runCli(['k8s', '--fix', '--dry-run', file]);
    assert.match(dry.stdout, /\+ {16}allowPrivilegeEscalation: false/);
    assert.equal(readFileSync(file, 'utf8'), original);
    runCli(['k8s', '--fix', file]);
    const fixed = readFileSync(file, 'utf8');
    assert.ok(fixed.startsWith(original));
    assert.match(fixed, /\n {14}securityContext:\n {16}capabilities:\n {18}drop: \[ALL\]\n/);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    runCli(['k8s', '--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });

  describe('image cross-checks', () => {
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'whittle-k8s-img-'));
      const base = [
        { path: 'etc/', type: 'dir' as const },
        { path: 'etc/os-release', content: 'ID=distroless\n' },
      ];
      // No shell at all: a distroless-like image running as root (no User), exposing 8080.
      await writeOciLayout(join(dir, 'api'), {
        layers: [base, [{ path: 'app/', type: 'dir' }, { path: 'app/server', content: 'ELF', mode: 0o755 }]],
        config: { config: { ExposedPorts: { '8080/tcp': {} }, Entrypoint: ['/app/server'] } },
      });
      // Same base layer, with a shell via merged /usr (/bin -> usr/bin).
      await writeOciLayout(join(dir, 'tool'), {
        layers: [base, [{ path: 'usr/', type: 'dir' }, { path: 'usr/bin/', type: 'dir' }, { path: 'usr/bin/sh', content: 'ELF', mode: 0o755 }, { path: 'bin', type: 'symlink', linkname: 'usr/bin' }]],
        config: { config: { User: '65532' } },
      });
    });

    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api}',
      'spec:',
      '  template:',
      '    spec:',
      '      securityContext:',
      '        runAsNonRoot: true',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/api:1.0.0',
      '          ports: [{containerPort: 9090}]',
      '          livenessProbe:',
      '            exec:',
      '              command: ["/bin/sh", "-c", "pgrep server"]',
      '        - name: tool',
      '          image: registry.example.com/tool:2.0.0',
      '          command: ["/bin/sh", "-c", "exec sleep infinity"]',
      '',
    ].join('\n');

    it('reports a missing program, a root image under runAsNonRoot and an unexposed port; prints the cold-start pull', () => {
      const r = runCli(
        ['k8s', '--image', `registry.example.com/api=oci:${join(dir, 'api')}`, '--image', `tool=oci:${join(dir, 'tool')}`, '-'],
        { input: manifest },
      );
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.split('\n');
      const has = (re: RegExp): boolean => lines.some((l) => re.test(l));
      assert.ok(has(/^\s+15:15\s+error .*runs \/bin\/sh, which image registry\.example\.com\/api does not have\s+program-not-in-image/), r.stdout);
      assert.ok(has(/^\s+8:9\s+error .*container "api": runAsNonRoot: true, no runAsUser.*never start\s+non-root-image-runs-as-root/), r.stdout);
      assert.ok(has(/^\s+12:20\s+info .*containerPort 9090\/tcp is not exposed/), r.stdout);
      // The tool image has /bin/sh through the /bin -> usr/bin symlink and runs as 65532.
      assert.ok(!lines.some((l) => /program-not-in-image/.test(l) && /tool/.test(l)), r.stdout);
      assert.ok(!lines.some((l) => /non-root-image-runs-as-root/.test(l) && /"tool"/.test(l)), r.stdout);
      const m = /cold-start pull for 2 images: .*\((\d+) bytes\) with shared layers pulled once; .*\((\d+) bytes\) without sharing/.exec(r.stdout);
      assert.ok(m, r.stdout);
      assert.ok(Number(m[1]) < Number(m[2]), 'the shared base layer is counted once');
    });

    it('a bad --image is one line, exit 2', () => {
      const r = runCli(['k8s', '--image', 'nope', '-'], { input: manifest });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--image expects NAME=SOURCE/);
      assertNoStack(r.stderr);
    });
  });
});
