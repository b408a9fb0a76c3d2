/**
 * Rules that declare `meta.keywords` are skipped on files without those instructions. The skip must never hide a
 * finding: every built-in rule that declares keywords, run without the skip on every corpus file that lacks them,
 * reports nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Dockerfile } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { lintDockerfile } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { fixturesDir } from '../helpers/paths.js';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

function keywordsOf(df: Dockerfile): Set<string> {
  const found = new Set<string>();
  for (const i of df.instructions) {
    found.add(i.keyword);
    if (i.keyword === 'ONBUILD') found.add(i.trigger.keyword);
  }
  return found;
}

/** A rule that counts its runs and reports once per run at the first instruction. */
function countingRule(keywords?: string[]): Rule & { runs: number } {
  const rule = {
    runs: 0,
    meta: {
      id: 'counting',
      aliases: [],
      severity: 'warning' as const,
      title: 'counts',
      practice: 'counts',
      source: 'test',
      fixable: false,
      docs: '',
      ...(keywords ? { keywords } : {}),
    },
    check(context: Parameters<Rule['check']>[0]) {
      rule.runs++;
      context.report({ range: context.dockerfile.instructions[0]!.range, message: 'ran' });
    },
  };
  return rule;
}

describe('rule keywords', () => {
  it('skips a rule when the file has none of its keywords, and runs it when an ONBUILD trigger has one', async () => {
    const rule = countingRule(['EXPOSE']);
    const without = await parseDockerfile('FROM debian:12\nRUN true\n', 'Dockerfile');
    assert.deepEqual(lintDockerfile(without, { rules: [rule] }), []);
    assert.equal(rule.runs, 0);
    const trigger = await parseDockerfile('FROM debian:12\nONBUILD EXPOSE 80\n', 'Dockerfile');
    assert.equal(lintDockerfile(trigger, { rules: [rule] }).length, 1);
    const lower = countingRule(['expose']);
    assert.equal(lintDockerfile(trigger, { rules: [lower] }).length, 1, 'keywords match whatever their case');
    assert.equal(rule.runs, 1);
  });

  it('always runs a rule that declares no keywords', async () => {
    const df = await parseDockerfile('FROM debian:12\n', 'Dockerfile');
    for (const keywords of [undefined, []]) {
      const rule = countingRule(keywords);
      assert.equal(lintDockerfile(df, { rules: [rule] }).length, 1);
    }
  });

  it('never hides a finding: each declaring rule, unskipped, reports nothing on corpus files without its keywords', async () => {
    const declaring = allRules.filter((r) => r.meta.keywords?.length);
    assert.ok(declaring.length > 30, `only ${declaring.length} rules declare keywords`);
    const optIn = Object.fromEntries(allRules.filter((r) => r.meta.optIn).map((r) => [r.meta.id, 'warning' as const]));
    let checked = 0;
    for (const path of walk(join(fixturesDir, 'corpus'))) {
      const df = await parseDockerfile(readFileSync(path, 'utf8'), path);
      const present = keywordsOf(df);
      for (const rule of declaring) {
        if (rule.meta.keywords!.some((k) => present.has(k))) continue;
        const unskipped: Rule = { meta: { ...rule.meta, keywords: undefined }, check: rule.check };
        const findings = lintDockerfile(df, { rules: [unskipped], config: { severityOverrides: optIn, strictLabels: true } });
        assert.deepEqual(findings, [], `${rule.meta.id} on ${path}`);
        checked++;
      }
    }
    assert.ok(checked > 1000, `only ${checked} rule runs checked`);
  });
});
