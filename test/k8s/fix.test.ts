import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { fixManifests } from '../../src/k8s/fix.js';

const fix = (text: string): string => fixManifests(text, 't.yaml', k8sChecks).text;

describe('k8s --fix', () => {
  it('creates a securityContext at the container indentation, keeping comments', () => {
    const input = [
      '# the app',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '  - name: app # main',
      '    image: app:1.0.0   # pinned',
      '    resources:',
      '        requests: {cpu: 10m, memory: 8Mi}',
      '        limits: {memory: 8Mi}',
      '  - name: side',
      '    image: side:2.0.0',
      '',
    ].join('\n');
    const expected = [
      '# the app',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '  - name: app # main',
      '    image: app:1.0.0   # pinned',
      '    resources:',
      '        requests: {cpu: 10m, memory: 8Mi}',
      '        limits: {memory: 8Mi}',
      '    securityContext:',
      '        capabilities:',
      '            drop: [ALL]',
      '        allowPrivilegeEscalation: false',
      '        readOnlyRootFilesystem: true',
      '        runAsNonRoot: true',
      '  - name: side',
      '    image: side:2.0.0',
      '    securityContext:',
      '      capabilities:',
      '        drop: [ALL]',
      '      allowPrivilegeEscalation: false',
      '      readOnlyRootFilesystem: true',
      '      runAsNonRoot: true',
      '',
    ].join('\n');
    const out = fix(input);
    assert.equal(out, expected);
    assert.equal(fix(out), out, 'fixing twice changes nothing');
  });

  it('adds into an existing securityContext (block and flow), leaves explicit values alone', () => {
    const input = [
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  securityContext:',
      '    runAsUser: 1000',
      '  containers:',
      '    - name: a',
      '      image: a:1.0.0',
      '      securityContext:',
      '        allowPrivilegeEscalation: true  # needs ping',
      '    - name: b',
      '      image: b:1.0.0',
      '      securityContext: {readOnlyRootFilesystem: false, capabilities: {drop: [ALL]}}',
    ].join('\n');
    const expected = [
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  securityContext:',
      '    runAsUser: 1000',
      '  containers:',
      '    - name: a',
      '      image: a:1.0.0',
      '      securityContext:',
      '        allowPrivilegeEscalation: true  # needs ping',
      '        capabilities:',
      '          drop: [ALL]',
      '        readOnlyRootFilesystem: true',
      '    - name: b',
      '      image: b:1.0.0',
      '      securityContext: {readOnlyRootFilesystem: false, capabilities: {drop: [ALL]}, allowPrivilegeEscalation: false}',
    ].join('\n');
    const result = fixManifests(input, 't.yaml', k8sChecks);
    assert.equal(result.text, expected);
    // What stays: the explicit choices the user made (true / false), not fixable.
    const left = result.remaining.filter((f) => f.rule === 'privilege-escalation-allowed' || f.rule === 'read-only-root-filesystem');
    assert.equal(left.length, 2);
    assert.ok(left.every((f) => !f.fixable));
    assert.equal(fix(result.text), result.text);
  });
});
