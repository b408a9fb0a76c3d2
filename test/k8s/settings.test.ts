/** How the config's k8s: section and the command line combine, and the allowed-registries check they feed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLintRunConfig } from '../../src/config/load.js';
import type { K8sConfig } from '../../src/config/types.js';
import { ConfigError } from '../../src/core/errors.js';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { isAllowedImage } from '../../src/k8s/checks/image-registry.js';
import { runChecks } from '../../src/k8s/engine.js';
import { loadManifests } from '../../src/k8s/load.js';
import { k8sSettings } from '../../src/k8s/settings.js';

const settings = (k8s: K8sConfig, cli: Parameters<typeof k8sSettings>[1] = {}, lint: Partial<typeof defaultLintRunConfig> = {}) =>
  k8sSettings({ k8s, lint: { ...defaultLintRunConfig, ...lint } }, cli, k8sChecks);

const POD = `kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: web
      image: docker.io/library/nginx:1.27
    - name: api
      image: registry.corp.example/team/api:2.0.0
`;

describe('k8s settings: config then command line', () => {
  it('defaults: nothing ignored, threshold info, no registry list, no images', () => {
    assert.deepEqual(settings({}), { ignored: [], severityOverrides: {}, failureThreshold: 'info', noFail: false, allowedRegistries: [], images: [] });
  });

  it('override: an alias covers every check it names, an id wins over an alias in any order, off ignores', () => {
    const s = settings({ severityOverrides: { 'liveness-probe-missing': 'error', 'pod-probes': 'info', 'host-network': 'off' } });
    assert.deepEqual(s.severityOverrides, { 'readiness-probe-missing': 'info', 'liveness-probe-missing': 'error' });
    assert.deepEqual(s.ignored, ['host-namespaces']);
    const findings = runChecks(loadManifests(POD, 'p.yaml'), k8sChecks, { severityOverrides: s.severityOverrides, ignored: s.ignored });
    assert.ok(findings.some((f) => f.rule === 'readiness-probe-missing' && f.severity === 'info'));
    assert.ok(findings.some((f) => f.rule === 'liveness-probe-missing' && f.severity === 'error'));
  });

  it('the command line wins: --failure-threshold, --ignore adds, --image replaces a NAME, --allowed-registry replaces the list', () => {
    const file: K8sConfig = { failureThreshold: 'error', ignored: ['seccomp-profile'], images: { web: 'oci:/a', api: 'oci:/b' }, allowedRegistries: ['registry.corp.example'] };
    assert.equal(settings(file).failureThreshold, 'error');
    const s = settings(file, { failureThreshold: 'none', ignore: ['latest-tag'], image: ['web=oci:/c'], allowedRegistry: ['ghcr.io'] });
    assert.equal(s.noFail, true);
    assert.deepEqual(s.ignored, ['seccomp-profile', 'latest-tag']);
    assert.deepEqual(s.images, [{ name: 'api', source: 'oci:/b' }, { name: 'web', source: 'oci:/c' }]);
    assert.deepEqual(s.allowedRegistries, ['ghcr.io']);
    assert.equal(settings({ failureThreshold: 'none' }, { failureThreshold: 'warning' }).noFail, false);
  });

  it("allowed registries default to lint's trustedRegistries and allowedBaseImages", () => {
    assert.deepEqual(settings({}, {}, { trustedRegistries: ['registry.corp.example'], allowedBaseImages: ['ghcr.io/acme/*'] }).allowedRegistries, ['registry.corp.example', 'ghcr.io/acme/*']);
    assert.deepEqual(settings({ allowedRegistries: ['quay.io'] }, {}, { trustedRegistries: ['registry.corp.example'] }).allowedRegistries, ['quay.io']);
  });

  it('bad command-line values are one-line config errors', () => {
    assert.throws(() => settings({}, { ignore: ['no-such-check'] }), (e: ConfigError) => e.format() === 'unknown check "no-such-check" in --ignore');
    assert.throws(() => settings({}, { image: ['web'] }), (e: ConfigError) => /--image expects NAME=SOURCE/.test(e.format()));
    assert.throws(() => settings({}, { image: ['web=oci:/a', 'web=oci:/b'] }), (e: ConfigError) => e.format() === '--image web is given twice');
  });
});

describe('image-registry-not-allowed', () => {
  it('registry hosts, host globs, Docker Hub aliases and image globs', () => {
    assert.ok(isAllowedImage('registry.corp.example/a/b:1', ['registry.corp.example']));
    assert.ok(isAllowedImage('eu.corp.example/a:1', ['*.corp.example']));
    assert.ok(isAllowedImage('nginx:1.27', ['docker.io']));
    assert.ok(isAllowedImage('index.docker.io/library/nginx:1.27', ['docker.io']));
    assert.ok(isAllowedImage('ghcr.io/acme/web:1', ['ghcr.io/acme/*']));
    assert.ok(isAllowedImage('python:3.12-slim', ['docker.io/library/python:*']));
    assert.ok(!isAllowedImage('ghcr.io/evil/web:1', ['ghcr.io/acme/*']));
    assert.ok(!isAllowedImage('nginx:1.27', ['registry.corp.example']));
    assert.ok(!isAllowedImage('Not A Ref', ['*']));
  });

  it('reports each container whose image is not allowed, at its image field; silent with no list or a templated image', () => {
    const at = (allowedRegistries: string[], text = POD): string[] =>
      runChecks(loadManifests(text, 'p.yaml'), k8sChecks, { allowedRegistries })
        .filter((f) => f.rule === 'image-registry-not-allowed')
        .map((f) => `${f.line}:${f.column} ${f.message}`);
    assert.deepEqual(at(['registry.corp.example']), [
      '6:7 Pod/p: container "web": image "docker.io/library/nginx:1.27" comes from docker.io, not from an allowed registry (registry.corp.example)',
    ]);
    assert.deepEqual(at([]), []);
    assert.deepEqual(at(['registry.corp.example', 'docker.io/library/nginx:*']), []);
    assert.deepEqual(at(['registry.corp.example'], POD.replace('docker.io/library/nginx:1.27', '"{{ .Values.image }}"')), []);
  });
});
