/** Every lint format over k8s findings (the formatters are shared), validated where a contract exists. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintJsonProblems, sarifProblems } from '../../src/report/schema-check.js';
import { assertNoStack, runCli } from '../cli/run-cli.js';
import { fixturesDir } from '../helpers/paths.js';
import { k8sJsonProblems } from './json-schema.js';

const web = join(fixturesDir, 'k8s', 'web-deployment.yaml');

describe('whittle k8s output formats', () => {
  it('sarif validates against SARIF 2.1.0 and carries the k8s rules and fixes', () => {
    const r = runCli(['k8s', '-f', 'sarif', web]);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; fixes?: unknown[] }>; tool: { driver: { rules: Array<{ id: string }> } } }> };
    assert.deepEqual(sarifProblems(log), []);
    assert.ok(log.runs[0]!.tool.driver.rules.some((x) => x.id === 'secret-in-env'));
    assert.ok(log.runs[0]!.results.some((x) => x.ruleId === 'privilege-escalation-allowed' && x.fixes?.length));
    assert.ok(!r.stdout.includes('hunter2'), 'secret values never reach any output');
    for (const format of ['text', 'json', 'github', 'junit']) {
      const out = runCli(['k8s', '-f', format, web]);
      assert.ok(!out.stdout.includes('hunter2') && !out.stderr.includes('hunter2'), format);
    }
  });

  it('json validates against schema/whittle-k8s.schema.json; its findings against the lint schema', () => {
    const r = runCli(['k8s', '-f', 'json', web]);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; skipped: unknown[]; pull: unknown };
    assert.deepEqual(k8sJsonProblems(report), []);
    assert.deepEqual(lintJsonProblems(report.findings), []);
    assert.ok(report.findings.length > 0);
    assert.equal(report.pull, null, 'no --image: no pull figure');
    assert.notDeepEqual(k8sJsonProblems({ ...report, pull: { totalBytes: -1 } }), [], 'the schema rejects a malformed pull');
  });

  it('github annotations and junit carry file, line and rule', () => {
    const gh = runCli(['k8s', '-f', 'github', web]);
    assert.match(gh.stdout, /^::error file=.*web-deployment\.yaml,line=29,.*secret-in-env/m);
    const junit = runCli(['k8s', '-f', 'junit', web]);
    assert.match(junit.stdout, /<testsuites[\s\S]*secret-in-env[\s\S]*<\/testsuites>/);
  });

  it('stdin with --fix prints the fixed manifest on stdout and the report on stderr', () => {
    const input = readFileSync(join(fixturesDir, 'k8s', 'cronjob.yaml'), 'utf8');
    const r = runCli(['k8s', '--fix', '-'], { input });
    assert.ok(r.stdout.startsWith(input));
    assert.match(r.stdout, /allowPrivilegeEscalation: false\n/);
    assert.match(r.stderr, /run-as-non-root-contradicted/);
  });

  it('an --image that cannot be opened is one line, exit 2', () => {
    const r = runCli(['k8s', '--image', 'web=oci:/nonexistent/layout', web]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assertNoStack(r.stderr);
  });

  it('a folder argument checks its .yaml files', () => {
    const r = runCli(['k8s', '-f', 'json', join(fixturesDir, 'k8s')]);
    const report = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; skipped: Array<{ file: string; kind: string }> };
    const files = new Set(report.findings.map((f) => f.file));
    assert.ok([...files].some((f) => f.endsWith('cronjob.yaml')), [...files].join(','));
    assert.ok([...files].some((f) => f.endsWith('helm-release.yaml')));
    assert.ok(report.skipped.some((s) => s.file.endsWith('helm-release.yaml') && s.kind === 'Service'));
  });
});
