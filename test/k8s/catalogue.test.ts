/** The "Kubernetes checks" section of docs/rules.md, and k8s findings' help links into it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { k8sJson, k8sSarif } from '../../src/k8s/action.js';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { runChecks } from '../../src/k8s/engine.js';
import { loadManifests } from '../../src/k8s/load.js';
import { K8S_SECTION_TITLE, renderRuleCatalogue, renderReadmeRuleTable } from '../../src/report/rule-catalogue.js';
import { RULES_DOC_URL } from '../../src/report/rule-docs.js';
import { allRules } from '../../src/rules/index.js';
import { repoRoot } from '../helpers/paths.js';

const docs = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
const k8sPart = docs.slice(docs.indexOf(`\n# ${K8S_SECTION_TITLE}\n`));

describe('Kubernetes checks in docs/rules.md', () => {
  it('check ids are distinct from every Dockerfile rule id and alias, so each #id anchor is unique', () => {
    const dockerfileNames = new Set(allRules.flatMap((r) => [r.meta.id, ...r.meta.aliases].map((n) => n.toLowerCase())));
    assert.deepEqual(k8sChecks.map((c) => c.meta.id).filter((id) => dockerfileNames.has(id)), []);
    const headings = docs.match(/^## .+$/gm)!;
    assert.equal(new Set(headings).size, headings.length, 'no heading twice');
  });

  it('has a section per check after the Dockerfile rules, with severity, aliases, fixability, practice and examples', () => {
    assert.ok(k8sPart.length > 1, 'the Kubernetes checks section exists');
    for (const { meta } of k8sChecks) {
      const at = k8sPart.indexOf(`\n## ${meta.id}\n`);
      assert.ok(at > 0, `${meta.id} has its section`);
      const next = k8sPart.indexOf('\n## ', at + 1);
      const section = k8sPart.slice(at, next === -1 ? undefined : next);
      assert.ok(section.includes(`Severity: ${meta.severity} · Aliases: ${meta.aliases.length ? meta.aliases.map((a) => `\`${a}\``).join(', ') : '—'} · Fixable: ${meta.fixable ? 'yes' : 'no'}`), meta.id);
      assert.ok(section.includes(meta.practice.trim()), meta.id);
      assert.ok(section.includes('```yaml'), meta.id);
    }
  });

  it('the README table lists the k8s checks after the Dockerfile rules, linking into docs/rules.md', () => {
    const readme = renderReadmeRuleTable(allRules, k8sChecks);
    const k8s = readme.slice(readme.indexOf(K8S_SECTION_TITLE));
    assert.match(k8s, /\| \[`secret-in-env`\]\(docs\/rules\.md#secret-in-env\) \| `env-var-secret` \| error \| {2}\|/);
    assert.match(k8s, /\| \[`read-only-root-filesystem`\]\(docs\/rules\.md#read-only-root-filesystem\) \| .*`notReadOnlyRootFilesystem`.* \| warning \| yes \|/);
    assert.equal(renderRuleCatalogue(allRules), renderRuleCatalogue(allRules, []), 'no k8s checks: the Dockerfile catalogue alone');
    assert.ok(!renderRuleCatalogue(allRules).includes(K8S_SECTION_TITLE));
  });

  it("k8s findings' help links (JSON docs, SARIF helpUri) point at their section of docs/rules.md", () => {
    const text = 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:latest\n';
    const findings = runChecks(loadManifests(text, 'p.yaml'), k8sChecks);
    assert.ok(findings.length > 3);
    const report = { files: [{ file: 'p.yaml', text, findings }], errors: [], rules: k8sChecks.map((c) => c.meta), failureThreshold: 'info' as const, noFail: false, toolVersion: '0.0.0' };
    const json = JSON.parse(k8sJson({ report, skipped: [], pull: null })) as { findings: Array<{ rule: string; docs: string }> };
    const sarif = JSON.parse(k8sSarif({ report, skipped: [], pull: null })) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; properties?: unknown }> };
    for (const f of json.findings) {
      assert.equal(f.docs, `${RULES_DOC_URL}#${f.rule}`);
      assert.ok(k8sPart.includes(`\n## ${f.rule}\n`), `${f.rule}'s anchor is in the Kubernetes section`);
    }
    for (const r of sarif.runs[0]!.tool.driver.rules) assert.equal(r.helpUri, `${RULES_DOC_URL}#${r.id}`);
    assert.equal(sarif.runs[0]!.properties, undefined, 'no images: no pull in the run properties');
  });
});
