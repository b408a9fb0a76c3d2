/** docs/rules.md (and the README's rule table, when it has the markers) must match the rules' metadata. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { README_END, README_START, renderRuleCatalogue, updateReadmeSection } from '../../src/report/rule-catalogue.js';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { allRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { repoRoot } from '../helpers/paths.js';

const REGENERATE = 'out of date with the rules: run `npx tsx scripts/gen-docs.ts` and commit the result';

describe('rule catalogue', () => {
  it('docs/rules.md is generated from the current rules', () => {
    const path = join(repoRoot, 'docs', 'rules.md');
    assert.ok(existsSync(path), `docs/rules.md is missing: ${REGENERATE}`);
    assert.ok(readFileSync(path, 'utf8') === renderRuleCatalogue(allRules, k8sChecks), `docs/rules.md is ${REGENERATE}`);
  });

  it('the README rule table, when the markers are there, is generated from the current rules', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const updated = updateReadmeSection(readme, allRules, k8sChecks);
    if (updated === null) {
      assert.ok(!readme.includes(README_START) || !readme.includes(README_END), 'markers present but not replaced');
      return;
    }
    assert.ok(updated === readme, `README.md's rule table is ${REGENERATE}`);
  });

  it('lists every rule with its aliases, severity, fixability and a section per rule', () => {
    const rules: Rule[] = [
      { meta: { id: 'b-rule', aliases: ['DL9001'], severity: 'warning', title: 'Do | that', practice: 'Because.', source: 'hadolint', fixable: true, docs: '```dockerfile\nFROM x\n```' }, check: () => {} },
      { meta: { id: 'a-rule', aliases: [], severity: 'info', title: 'Do this', practice: 'Why.', source: 'seeds/001', fixable: false, docs: '', optIn: true }, check: () => {} },
    ];
    const md = renderRuleCatalogue(rules);
    assert.match(md, /\| \[`a-rule`\]\(#a-rule\) \| — \| info \(opt-in\) \| {2}\| Do this \|\n\| \[`b-rule`\]\(#b-rule\) \| `DL9001` \| warning \| yes \| Do \\\| that \|/);
    assert.match(md, /## b-rule\n\n\*\*Do \\\| that\*\*\n\nSeverity: warning · Aliases: `DL9001` · Fixable: yes · Source: hadolint\n\nBecause\.\n\n```dockerfile\nFROM x\n```\n/);
    const readme = `# x\n\n${README_START}\nold\n${README_END}\n\nrest\n`;
    const updated = updateReadmeSection(readme, rules)!;
    assert.match(updated, /\| \[`a-rule`\]\(docs\/rules\.md#a-rule\)/);
    assert.match(updated, /<!-- rules:end -->\n\nrest\n$/);
    assert.equal(updateReadmeSection(updated, rules), updated, 'regenerating is stable');
    assert.equal(updateReadmeSection('# no markers\n', rules), null);
  });
});
