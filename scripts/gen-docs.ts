/**
 * Writes docs/rules.md from the metadata of the Dockerfile rules and of the `whittle k8s` checks (its
 * "Kubernetes checks" section), and the rule tables in README.md between `<!-- rules:start -->` and
 * `<!-- rules:end -->` when those markers exist.
 * Run: npx tsx scripts/gen-docs.ts          (write)
 *      npx tsx scripts/gen-docs.ts --check  (exit 1 when a file is out of date, write nothing)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRuleCatalogue, updateReadmeSection } from '../src/report/rule-catalogue.js';
import { k8sChecks } from '../src/k8s/checks/index.js';
import { allRules } from '../src/rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const targets: { path: string; text: string }[] = [{ path: join(root, 'docs', 'rules.md'), text: renderRuleCatalogue(allRules, k8sChecks) }];
const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) {
  const updated = updateReadmeSection(readFileSync(readmePath, 'utf8'), allRules, k8sChecks);
  if (updated !== null) targets.push({ path: readmePath, text: updated });
  else console.log('README.md has no <!-- rules:start --> / <!-- rules:end --> markers; left alone');
}
let stale = 0;
for (const { path: full, text } of targets) {
  const path = relative(root, full);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : null;
  if (current === text) {
    console.log(`${path}: up to date`);
    continue;
  }
  if (check) {
    console.log(`${path}: out of date (run npx tsx scripts/gen-docs.ts)`);
    stale++;
    continue;
  }
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  console.log(`${path}: written (${allRules.length} rules, ${k8sChecks.length} k8s checks)`);
}
process.exitCode = stale ? 1 : 0;
