/** `whittle k8s` reads .whittle.yaml (found from the manifests' folder, or --config) and the command line overrides it. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_INPUT_BYTES } from '../../src/k8s/load.js';
import { assertNoStack, runCli, tempTree } from '../cli/run-cli.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: docker.io/library/nginx:1.27
`;

interface Finding {
  rule: string;
  severity: string;
}

function findings(args: string[], cwd: string): { code: number | null; rules: Finding[]; stderr: string } {
  const r = runCli(['k8s', '-f', 'json', ...args], { cwd });
  assertNoStack(r.stderr);
  return { code: r.code, rules: r.stdout ? (JSON.parse(r.stdout) as { findings: Finding[] }).findings : [], stderr: r.stderr };
}

const has = (list: Finding[], rule: string): boolean => list.some((f) => f.rule === rule);

describe('whittle k8s with a config file', () => {
  it('finds .whittle.yaml above the manifest: ignored, override (alias and off), failureThreshold', () => {
    const dir = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.whittle.yaml': 'k8s:\n  ignored: [seccomp-profile]\n  override:\n    container-resources: info\n    pod-probes: off\n  failureThreshold: warning\n',
      'deploy/web.yaml': POD,
    });
    const plain = findings(['--config', '/dev/null', 'deploy/web.yaml'], dir);
    assert.ok(has(plain.rules, 'seccomp-profile') && has(plain.rules, 'readiness-probe-missing'));
    const configured = findings(['web.yaml'], join(dir, 'deploy'));
    assert.ok(configured.rules.length > 0, configured.stderr);
    assert.ok(!has(configured.rules, 'seccomp-profile'));
    assert.ok(!has(configured.rules, 'readiness-probe-missing') && !has(configured.rules, 'liveness-probe-missing'));
    assert.deepEqual([...new Set(configured.rules.filter((f) => /^(cpu|memory)-/.test(f.rule)).map((f) => f.severity))], ['info']);
    assert.equal(configured.code, 1, 'warnings remain (run-as-non-root ...) at the warning threshold');
    // The command line wins over the file.
    assert.equal(findings(['--failure-threshold', 'none', 'deploy/web.yaml'], dir).code, 0);
  });

  it('--config names the file; allowed registries default to lint.trustedRegistries; --allowed-registry replaces them', () => {
    const dir = tempTree({ 'web.yaml': POD, 'ci/policy.yaml': 'lint:\n  trustedRegistries: [registry.corp.example]\n' });
    assert.ok(!has(findings(['web.yaml'], dir).rules, 'image-registry-not-allowed'));
    assert.ok(has(findings(['--config', 'ci/policy.yaml', 'web.yaml'], dir).rules, 'image-registry-not-allowed'));
    assert.ok(!has(findings(['--config', 'ci/policy.yaml', '--allowed-registry', 'docker.io', 'web.yaml'], dir).rules, 'image-registry-not-allowed'));
    writeFileSync(join(dir, 'ci/k8s.yaml'), 'lint:\n  trustedRegistries: [registry.corp.example]\nk8s:\n  allowedRegistries: ["docker.io/library/nginx:*"]\n');
    assert.ok(!has(findings(['--config', 'ci/k8s.yaml', 'web.yaml'], dir).rules, 'image-registry-not-allowed'));
  });

  it('stdin reads the config of the current folder', () => {
    const dir = tempTree({ '.whittle.yaml': 'k8s:\n  ignored: [read-only-root-filesystem]\n' });
    const r = runCli(['k8s', '-f', 'json', '-'], { cwd: dir, input: POD });
    const rules = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.rule);
    assert.ok(rules.length > 0 && !rules.includes('read-only-root-filesystem'));
  });

  it('a bad config or option is one line with file, line and column, exit 2', () => {
    const dir = tempTree({ 'web.yaml': POD, '.whittle.yaml': 'k8s:\n  override:\n    no-such-check: error\n' });
    const bad = runCli(['k8s', 'web.yaml'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim(), '.whittle.yaml:3:5: unknown check "no-such-check" in k8s.override');
    const missing = runCli(['k8s', '--config', 'nope.yaml', 'web.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.trim(), /nope\.yaml: config file not found$/);
    const ignore = runCli(['k8s', '--config', '/dev/null', '--ignore', 'DL3008', 'web.yaml'], { cwd: dir });
    assert.equal(ignore.code, 2);
    assert.equal(ignore.stderr.trim(), 'unknown check "DL3008" in --ignore');
    for (const r of [bad, missing, ignore]) assertNoStack(r.stderr);
  });

  it('a file larger than the loader accepts is refused before it is read: one line, exit 2, the other files still checked', () => {
    const dir = tempTree({ 'web.yaml': POD });
    writeFileSync(join(dir, 'dump.yaml'), Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20));
    const r = runCli(['k8s', '-f', 'json', 'dump.yaml', 'web.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), `dump.yaml: file is larger than 16 MiB (${MAX_INPUT_BYTES + 1} bytes); split it into several files`);
    assert.ok((JSON.parse(r.stdout) as { findings: Finding[] }).findings.length > 0, 'web.yaml was checked');
    const stdin = runCli(['k8s', '-'], { cwd: dir, input: Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20) });
    assert.equal(stdin.code, 2);
    assert.equal(stdin.stderr.trim(), '-: input is larger than 16 MiB; split it into several files');
  });
});
