import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { runChecks } from '../../src/k8s/engine.js';
import { loadManifests } from '../../src/k8s/load.js';
import { statements } from '../../src/k8s/command.js';
import { fixturesDir } from '../helpers/paths.js';

function check(name: string): string[] {
  const text = readFileSync(join(fixturesDir, 'k8s', name), 'utf8');
  return runChecks(loadManifests(text, name), k8sChecks).map((f) => `${f.rule}@${f.line}:${f.column}`);
}

function checkText(text: string): string[] {
  return runChecks(loadManifests(text, 't.yaml'), k8sChecks).map((f) => `${f.rule}@${f.line}:${f.column}`);
}

describe('k8s checks on the fixtures', () => {
  it('web Deployment with a sidecar', () => {
    const got = check('web-deployment.yaml');
    for (const want of [
      'grace-period-shorter-than-prestop@18:7',
      'image-tag-unpinned@21:11',
      'image-pull-policy-mismatch@22:11',
      'shell-wrapper-without-exec@23:11',
      'secret-in-env@29:15',
      'probe-port-unknown@35:15',
      'probe-port-unknown@39:15',
      'liveness-same-as-readiness@36:11',
      'startup-probe-missing@36:11',
      'memory-request-missing@45:13',
      'memory-limit-missing@20:11',
      'readiness-probe-missing@47:11',
      'privilege-escalation-allowed@47:11',
    ]) {
      assert.ok(got.includes(want), `missing ${want} in ${got.join(' ')}`);
    }
    // The sidecar sets runAsNonRoot and readOnlyRootFilesystem; the web container requests cpu.
    assert.ok(!got.some((g) => /^run-as-non-root@47:/.test(g) || /^read-only-root-filesystem@47:/.test(g)));
    assert.ok(!got.includes('cpu-request-missing@20:11'));
  });

  it('never prints a secret value', () => {
    const text = readFileSync(join(fixturesDir, 'k8s', 'web-deployment.yaml'), 'utf8');
    const findings = runChecks(loadManifests(text, 'w.yaml'), k8sChecks);
    assert.ok(findings.some((f) => f.rule === 'secret-in-env'));
    assert.ok(findings.every((f) => !f.message.includes('hunter2')));
  });

  it('CronJob: no probes asked, pod-level runAsUser 0 contradicts runAsNonRoot', () => {
    const got = check('cronjob.yaml');
    assert.ok(got.includes('run-as-non-root-contradicted@14:13'));
    assert.ok(got.includes('image-tag-unpinned@17:15'));
    assert.ok(!got.some((g) => g.startsWith('readiness-probe-missing') || g.startsWith('liveness-probe-missing')));
    assert.ok(!got.some((g) => g.startsWith('run-as-user-root') || g.startsWith('run-as-non-root@')));
    assert.ok(!got.some((g) => g.startsWith('cpu-request-missing') || g.startsWith('memory-')));
  });

  it('StatefulSet with an init container downloading a dataset', () => {
    const got = check('statefulset-dataset.yaml');
    for (const want of [
      'init-download-unverified@17:11',
      'multiple-processes@27:11',
      'probe-port-undeclared@32:15',
      'sensitive-host-path@42:13',
      'startup-probe-missing@30:11',
    ]) {
      assert.ok(got.includes(want), `missing ${want} in ${got.join(' ')}`);
    }
    // The download is in an init container, which is the practice: no download-at-start; no probes asked of it.
    assert.ok(!got.some((g) => g.startsWith('download-at-start')));
    assert.ok(!got.some((g) => /^(readiness|liveness)-probe-missing@15:/.test(g)));
  });

  it('Helm output: several documents, a List, unknown kinds skipped, ignore annotations', () => {
    const text = readFileSync(join(fixturesDir, 'k8s', 'helm-release.yaml'), 'utf8');
    const loaded = loadManifests(text, 'h.yaml');
    assert.deepEqual(loaded.workloads.map((w) => `${w.kind}/${w.name}`), ['Deployment/api', 'Pod/worker']);
    assert.deepEqual(loaded.skipped.map((s) => s.kind), ['Service', 'ConfigMap']);
    const got = check('helm-release.yaml');
    assert.ok(got.includes('host-namespaces@23:7'));
    assert.ok(got.includes('multiple-processes@35:11'));
    assert.ok(got.includes('readiness-probe-missing@53:11'));
    // whittle.dev/ignore: seccomp-profile; kube-score/ignore: container-resources
    assert.ok(!got.some((g) => /^(seccomp-profile|cpu-request-missing|memory-request-missing|memory-limit-missing)@2[0-9]:/.test(g)));
    // kube-linter's no-read-only-root-fs and Polaris' privilegeEscalationAllowed-exempt on the worker
    assert.ok(!got.some((g) => /^(read-only-root-filesystem|privilege-escalation-allowed)@5/.test(g)));
    // The worker runs as 1000 at the pod level, pins a digest, drops ALL, has a seccomp profile.
    assert.ok(!got.some((g) => /^(run-as-non-root|image-tag-unpinned|capabilities-drop-all|seccomp-profile)@5/.test(g)));
    // The ignore annotations are per object: the api still gets the read-only finding.
    assert.ok(got.some((g) => g.startsWith('read-only-root-filesystem@25:')));
  });

  it('hardened workload: no finding at all', () => {
    assert.deepEqual(check('hardened.yaml'), []);
  });

  it('native sidecars: long-running, so shell wrappers are checked; init containers are not probed', () => {
    const got = checkText(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '    - name: proxy',
        '      restartPolicy: Always',
        '      image: envoy:1.31.0',
        '      command: ["sh", "-c", "render-config > /etc/envoy.yaml; envoy -c /etc/envoy.yaml"]',
        '    - name: setup',
        '      image: busybox:1.36',
        '      command: ["sh", "-c", "echo a; echo b"]',
        '  containers:',
        '    - name: app',
        '      image: app:1.0.0',
        '      command: ["sh", "-c", "curl -fsSLo /tmp/model.bin https://models.example.com/m.bin && exec app"]',
        '',
      ].join('\n'),
    );
    assert.ok(got.includes('shell-wrapper-without-exec@9:7'), got.join(' '));
    assert.ok(!got.includes('shell-wrapper-without-exec@12:7'));
    assert.ok(got.includes('download-at-start@16:7'));
    assert.ok(!got.some((g) => /^readiness-probe-missing@(6|10):/.test(g)));
  });

  it('runAsUser 0 without runAsNonRoot; privileged; pod-level non-root user silences run-as-non-root', () => {
    const got = checkText(
      'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:1.0\n      securityContext:\n        runAsUser: 0\n        privileged: true\n',
    );
    assert.ok(got.includes('run-as-user-root@8:9'));
    assert.ok(got.includes('privileged-container@9:9'));
    assert.ok(!got.some((g) => g.startsWith('run-as-non-root@')));
  });
});

describe('command splitting', () => {
  it('splits outside quotes and marks background jobs', () => {
    assert.deepEqual(statements('a "x & y" & b && c; d | e'), [
      { text: 'a "x & y"', background: true },
      { text: 'b', background: false },
      { text: 'c', background: false },
      { text: 'd', background: false },
      { text: 'e', background: false },
    ]);
    assert.deepEqual(statements('app 2>&1'), [{ text: 'app 2>&1', background: false }]);
  });
});
