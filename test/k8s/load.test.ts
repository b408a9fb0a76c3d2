import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WhittleError } from '../../src/core/errors.js';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { runChecks } from '../../src/k8s/engine.js';
import { ignoredNames, isIgnored } from '../../src/k8s/ignore.js';
import { loadManifests, MAX_INPUT_BYTES, MAX_OBJECTS } from '../../src/k8s/load.js';

function thrown(fn: () => unknown): WhittleError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WhittleError);
    return err;
  }
  assert.fail('expected an error');
}

describe('loading manifests', () => {
  it('reads JSON, with positions', () => {
    const json = JSON.stringify(
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'c:latest' }] } } } },
      null,
      2,
    );
    const loaded = loadManifests(json, 'j.json');
    assert.equal(loaded.workloads.length, 1);
    assert.equal(loaded.workloads[0]!.batch, true);
    const findings = runChecks(loaded, k8sChecks);
    const tag = findings.find((f) => f.rule === 'image-tag-unpinned');
    assert.ok(tag);
    assert.deepEqual([tag.line, tag.column], [13, 13]);
    assert.ok(!findings.some((f) => f.rule === 'readiness-probe-missing'), 'a Job is not probed');
  });

  it('tells containers, init containers and native sidecars apart, for every workload kind', () => {
    const kinds = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];
    const podSpec = '{initContainers: [{name: i, image: i:1}, {name: s, image: s:1, restartPolicy: Always}], containers: [{name: c, image: c:1}]}';
    const docs = kinds.map((kind) => {
      const spec =
        kind === 'Pod' ? `spec: ${podSpec}` : kind === 'CronJob' ? `spec: {jobTemplate: {spec: {template: {spec: ${podSpec}}}}}` : `spec: {template: {spec: ${podSpec}}}`;
      return `kind: ${kind}\nmetadata: {name: x}\n${spec}\n`;
    });
    const loaded = loadManifests(docs.join('---\n'), 'all.yaml');
    assert.deepEqual(loaded.workloads.map((w) => w.kind), kinds);
    for (const w of loaded.workloads) assert.deepEqual(w.containers.map((c) => `${c.name}:${c.role}`), ['i:init', 's:sidecar', 'c:container']);
  });

  it('malformed YAML: InputError at the line and column of the first error', () => {
    const err = thrown(() => loadManifests('kind: Pod\nmetadata:\n  name: a\n   bad: indent\n', 'bad.yaml'));
    assert.equal(err.file, 'bad.yaml');
    assert.equal(err.line, 3);
    assert.match(err.format(), /^bad\.yaml:3:9: invalid YAML: /);
    assert.ok(!err.format().includes('\n'));
  });

  it('bounds huge inputs: bytes and objects', () => {
    assert.match(thrown(() => loadManifests(' '.repeat(MAX_INPUT_BYTES + 1), 'big.yaml')).message, /larger than 16 MiB/);
    const many = Array.from({ length: MAX_OBJECTS + 1 }, (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
    assert.match(thrown(() => loadManifests(many, 'many.yaml')).message, /more than 5000 objects/);
  });

  it('alias bombs stay bounded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), 'kind: Pod', 'spec: {containers: [{name: c, image: c:1, args: *i}]}'].join('\n');
    assert.match(thrown(() => loadManifests(bomb, 'bomb.yaml')).message, /invalid YAML: Excessive alias count/);
    // Ordinary anchors and aliases resolve.
    const small = loadManifests('x: &x [1, 2]\nkind: Pod\nspec: {containers: [{name: c, image: c:1, args: *x}]}\n', 's.yaml');
    assert.deepEqual(small.workloads[0]!.containers[0]!.spec.args, [1, 2]);
  });
});

describe('ignore annotations', () => {
  const readOnly = k8sChecks.find((c) => c.meta.id === 'read-only-root-filesystem')!.meta;
  const resources = k8sChecks.find((c) => c.meta.id === 'memory-limit-missing')!.meta;
  const grace = k8sChecks.find((c) => c.meta.id === 'grace-period-shorter-than-prestop')!.meta;
  it('whittle, kube-score, kube-linter and Polaris names', () => {
    assert.ok(isIgnored(readOnly, ignoredNames({ 'whittle.dev/ignore': 'seccomp-profile, read-only-root-filesystem' })));
    assert.ok(isIgnored(resources, ignoredNames({ 'kube-score/ignore': 'container-resources' })));
    assert.ok(isIgnored(readOnly, ignoredNames({ 'ignore-check.kube-linter.io/no-read-only-root-fs': 'why' })));
    assert.ok(isIgnored(readOnly, ignoredNames({ 'polaris.fairwinds.com/notReadOnlyRootFilesystem-exempt': 'true' })));
    assert.ok(!isIgnored(readOnly, ignoredNames({ 'polaris.fairwinds.com/notReadOnlyRootFilesystem-exempt': 'false' })));
    // Polaris' blanket exemption covers only checks Polaris has.
    assert.ok(isIgnored(readOnly, ignoredNames({ 'polaris.fairwinds.com/exempt': 'true' })));
    assert.ok(!isIgnored(grace, ignoredNames({ 'polaris.fairwinds.com/exempt': 'true' })));
    assert.ok(!isIgnored(readOnly, ignoredNames({ 'kube-score/ignore': 'container-resources' })));
  });
});
