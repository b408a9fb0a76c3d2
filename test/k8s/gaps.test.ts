/** Checks added to cover the list: ephemeral storage, and secrets written into command lines (never printed). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { runChecks } from '../../src/k8s/engine.js';
import { loadManifests } from '../../src/k8s/load.js';
import { redactedText } from '../../src/k8s/redact.js';
import { lintFormatters } from '../../src/report/lint/index.js';

function pod(container: string[]): string {
  return ['kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', ...container.map((l, i) => `${i === 0 ? '    - ' : '      '}${l}`), ''].join('\n');
}

function found(text: string, rule: string): string[] {
  return runChecks(loadManifests(text, 't.yaml'), k8sChecks)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.line}:${f.column} ${f.message}`);
}

describe('ephemeral-storage-missing', () => {
  it('asks for a request and a limit; kube-score name as alias', () => {
    assert.deepEqual(found(pod(['name: a', 'image: a:1', 'resources:', '  requests: {cpu: 1m}']), 'ephemeral-storage-missing'), [
      '8:9 Pod/p: container "a" has no ephemeral-storage request or limit: a container filling the node\'s disk is evicted only with a limit',
    ]);
    assert.deepEqual(
      found(pod(['name: a', 'image: a:1', 'resources:', '  requests: {ephemeral-storage: 1Gi}', '  limits: {memory: 1Gi}']), 'ephemeral-storage-missing').map((f) => f.slice(0, 4)),
      ['9:9 '],
    );
    assert.deepEqual(found(pod(['name: a', 'image: a:1', 'resources:', '  requests: {ephemeral-storage: 1Gi}', '  limits: {ephemeral-storage: 2Gi}']), 'ephemeral-storage-missing'), []);
    assert.ok(k8sChecks.find((c) => c.meta.id === 'ephemeral-storage-missing')!.meta.aliases.includes('container-ephemeral-storage-request-and-limit'));
  });
});

describe('secret-in-command', () => {
  const secret = (args: string): string[] => found(pod(['name: a', 'image: a:1', `args: ${args}`]), 'secret-in-command');

  it('--flag=value, --flag value, URL credentials and token shapes, in argv and in sh -c scripts', () => {
    assert.deepEqual(secret('["--db-password=hunter2"]'), ['7:14 Pod/p: container "a": the command line holds a literal secret (--db-password, value redacted); pass it from a Secret (env secretKeyRef as $(VAR), or a mounted file)']);
    assert.equal(secret('["--client-secret", "s3cr3t-value"]').length, 1);
    assert.match(secret('["--db=postgres://app:hunter2@db:5432/app"]')[0]!, /a URL's credentials/);
    assert.match(secret('["--github=ghp_' + 'a'.repeat(36) + '"]')[0]!, /a token/);
    assert.equal(found(pod(['name: a', 'image: a:1', 'command: ["sh", "-c", "exec app --api-key=abc123 --port 80"]']), 'secret-in-command').length, 1);
  });

  it('references are no secrets: $(VAR), files, flags that only name a secret', () => {
    assert.deepEqual(secret('["--db-password=$(DB_PASSWORD)"]'), []);
    assert.deepEqual(secret('["--token", "/var/run/secrets/token"]'), []);
    assert.deepEqual(secret('["--password-file=/run/secrets/db"]'), []);
    assert.deepEqual(secret('["--secret-name=db", "--token-ttl=5m", "--token", "--verbose"]'), []);
  });

  it('the value never reaches a report: message and code frame are redacted, positions kept', () => {
    const text = pod(['name: a', 'image: a:1', 'args: ["--db-password=hunter2", "--db=postgres://app:s3cret@db/app"]', 'command: ["sh", "-c", "exec app --token t0ps3cret"]']);
    const loaded = loadManifests(text, 't.yaml');
    const shown = redactedText(loaded);
    assert.equal(shown.length, text.length);
    for (const value of ['hunter2', 's3cret', 't0ps3cret']) assert.ok(!shown.includes(value), value);
    assert.ok(shown.includes('--db-password=*******'));
    const findings = runChecks(loaded, k8sChecks);
    const report = { files: [{ file: 't.yaml', text: shown, findings }], errors: [], rules: k8sChecks.map((c) => c.meta), failureThreshold: 'info' as const, noFail: false, toolVersion: '0' };
    for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'checkstyle'] as const) {
      const out = lintFormatters[format](report, { color: false });
      for (const value of ['hunter2', 's3cret', 't0ps3cret']) assert.ok(!out.includes(value), `${format} prints ${value}`);
    }
    assert.equal(findings.filter((f) => f.rule === 'secret-in-command').length, 3);
  });
});

describe('config-in-command', () => {
  const cfg = (lines: string[]): string[] => found(pod(['name: a', 'image: a:1', ...lines]), 'config-in-command');

  it('literal endpoints in args or a sh -c script, one finding per container at the field', () => {
    assert.deepEqual(cfg(['args: ["--db-host=db.prod.example.com", "--cache-url", "redis://cache.prod:6379", "--port=8080"]']), [
      '7:7 Pod/p: container "a": --db-host, --cache-url are written into the command line; inject them from a ConfigMap (env configMapKeyRef as $(VAR))',
    ]);
    assert.deepEqual(cfg(['command: ["sh", "-c", "exec app --api-endpoint=https://api.example.com"]']).map((f) => f.slice(0, 4)), ['7:7 ']);
  });

  it('variables, files and local listen addresses are fine', () => {
    assert.deepEqual(cfg(['args: ["--db-host=$(DB_HOST)", "--listen-addr=0.0.0.0:8080", "--http-addr=:8080", "--server=true", "--metrics-address", "127.0.0.1:9090", "--hosts-file=/etc/hosts", "--upstream-url=http://localhost:3000"]']), []);
  });
});
