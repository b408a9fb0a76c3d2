/** schema/whittle-config.schema.json (for editors) agrees with the validator whittle runs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { INSPECT_KEYS, K8S_KEYS, LINT_KEYS } from '../../src/config/whittle-file.js';
import { configSchemaProblems, readSchema } from '../../src/report/schema-check.js';

const FULL = `lint:
  ignored: [DL3008]
  override:
    exec-form-cmd: error
    apt-get-pin-versions: off
    warning: [DL3025]
  failureThreshold: warning
  trustedRegistries: [registry.corp]
  allowedBaseImages: ["registry.corp/base/*"]
  labelSchema:
    maintainer: email
  strictLabels: true
  buildArgs:
    PYTHON_VERSION: "3.12"
  disableIgnorePragma: false
inspect:
  maxSize: 200MB
  maxLayers: 12
  minEfficiency: 0.95
  maxWasted: 1.5MiB
  forbidRoot: true
  forbidShell: true
k8s:
  ignored: [seccomp-profile]
  override:
    pod-probes: info
    host-network: off
    warning: [startup-probe-missing]
  failureThreshold: warning
  allowedRegistries: [registry.corp, "ghcr.io/acme/*"]
  images:
    web: oci:./build/web
bases:
  python: { runtime: python:3.12-slim }
`;

describe('whittle-config.schema.json', () => {
  it('accepts a config using every setting', () => {
    assert.deepEqual(configSchemaProblems(parse(FULL)), []);
  });

  it('rejects what the loader rejects: unknown keys, bad severities, bad sizes', () => {
    assert.notDeepEqual(configSchemaProblems(parse('lint:\n  failureTreshold: error\n')), []);
    assert.notDeepEqual(configSchemaProblems(parse('lint:\n  failureThreshold: fatal\n')), []);
    assert.notDeepEqual(configSchemaProblems(parse('inspect:\n  maxSize: huge\n')), []);
    assert.notDeepEqual(configSchemaProblems(parse('inspect:\n  minEfficiency: 95\n')), []);
    assert.notDeepEqual(configSchemaProblems(parse('k8s:\n  failure-threshold: error\n')), []);
    assert.notDeepEqual(configSchemaProblems(parse('k8s:\n  override: {pod-probes: loud}\n')), []);
    assert.notDeepEqual(configSchemaProblems(parse('k8s:\n  images: {web: ""}\n')), []);
  });

  it('lists exactly the keys the loader accepts', () => {
    const props = readSchema('whittle-config.schema.json').properties as Record<string, { properties: Record<string, unknown> }>;
    assert.deepEqual(Object.keys(props).sort(), ['bases', 'inspect', 'k8s', 'lint']);
    assert.deepEqual(Object.keys(props.k8s!.properties).sort(), [...K8S_KEYS].sort());
    assert.deepEqual(Object.keys(props.lint!.properties).sort(), [...LINT_KEYS].sort());
    assert.deepEqual(Object.keys(props.inspect!.properties).sort(), [...INSPECT_KEYS].sort());
  });
});
