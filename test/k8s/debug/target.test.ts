import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadManifests } from '../../../src/k8s/load.js';
import { enforceLevel, matchingServices, pickWorkload, pssInFile, runAsOf, servicesInFile, targetOf } from '../../../src/k8s/debug/target.js';

const TWO = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: other, labels: {pod-security.kubernetes.io/enforce: baseline}}',
  '---',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: web, labels: {pod-security.kubernetes.io/enforce: restricted}}',
  '---',
  'apiVersion: v1',
  'kind: List',
  'items:',
  '  - {apiVersion: v1, kind: Service, metadata: {name: front, namespace: web}, spec: {selector: {app: web}}}',
  '  - {apiVersion: v1, kind: Service, metadata: {name: elsewhere, namespace: other}, spec: {selector: {app: web}}}',
  '  - {apiVersion: v1, kind: Service, metadata: {name: headless, namespace: web}, spec: {}}',
  '  - {apiVersion: v1, kind: Service, metadata: {name: narrower, namespace: web}, spec: {selector: {app: web, tier: db}}}',
  '---',
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata: {name: web, namespace: web}',
  'spec:',
  '  template:',
  '    metadata: {labels: {app: web, tier: front}}',
  '    spec:',
  '      initContainers: [{name: init, image: busybox:1.36}]',
  '      containers: [{name: app, image: a:1, securityContext: {runAsUser: 7}}, {name: side, image: b:1}]',
  '---',
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata: {name: nightly, namespace: web}',
  'spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: run, image: c:1}]}}}}}',
  '',
].join('\n');

describe('reading the target', () => {
  const file = loadManifests(TWO, 'two.yaml');

  it('picks a workload by NAME or KIND/NAME, and asks when several are there', () => {
    assert.throws(() => pickWorkload(file), /holds 2 workloads \(StatefulSet\/web, CronJob\/nightly\); choose one with --workload NAME/);
    assert.equal(pickWorkload(file, 'cronjob/nightly').kind, 'CronJob');
    assert.equal(pickWorkload(file, 'web').kind, 'StatefulSet');
    assert.throws(() => pickWorkload(file, 'Deployment/web'), /--workload Deployment\/web: not in two\.yaml/);
  });

  it('the first regular container by default (init containers are not it), labels from the template, the controller named', () => {
    const t = targetOf(file, pickWorkload(file, 'web'));
    assert.equal(t.container.name, 'app');
    assert.deepEqual(t.container.own, { user: 7 });
    assert.deepEqual(t.labels, { app: 'web', tier: 'front' });
    assert.equal(t.controller, 'StatefulSet web');
    assert.equal(t.podName, undefined);
    assert.deepEqual(t.containerNames, ['init', 'app', 'side']);
    assert.equal(targetOf(file, pickWorkload(file, 'web'), { container: 'side', pod: 'web-0' }).podName, 'web-0');
  });

  it('Services: same namespace, non-empty selector, every key matching; List items included', () => {
    const t = targetOf(file, pickWorkload(file, 'web'));
    assert.deepEqual(servicesInFile(file, t).map((s) => s.name), ['front']);
    assert.deepEqual(matchingServices([{ kind: 'Service', metadata: { name: 'x' }, spec: { selector: { app: 'web' } } }], { app: 'web' }, 'any').map((s) => s.name), ['x']);
  });

  it('the Pod Security level from the Namespace of the target, not another one', () => {
    assert.equal(pssInFile(file, 'web')?.level, 'restricted');
    assert.equal(pssInFile(file, 'other')?.level, 'baseline');
    assert.equal(pssInFile(file, 'nowhere'), undefined);
    assert.equal(enforceLevel({ metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'strict' } } }), undefined);
  });

  it('securityContext numbers: only whole non-negative ones count', () => {
    assert.deepEqual(runAsOf({ runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true }), { user: 1000, group: 3000, nonRoot: true });
    assert.deepEqual(runAsOf({ runAsUser: -1, runAsGroup: '5', runAsNonRoot: 'yes' }), {});
  });
});
