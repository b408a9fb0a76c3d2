import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../src/lint/engine.js';
import { structureRules } from '../../src/rules/sets/structure.js';

async function rulesFound(text: string): Promise<string[]> {
  const findings = await lintText(text, 'Dockerfile', { rules: structureRules });
  return [...new Set(findings.map((f) => f.rule))].sort();
}

describe('BuildKit check directive', () => {
  const body = 'FROM alpine:3.20 as Build\nCMD echo hello\n';

  it('reports the BuildKit checks without a directive', async () => {
    const found = await rulesFound(body);
    for (const id of ['exec-form-cmd', 'from-as-casing', 'stage-name-casing']) assert.ok(found.includes(id), id);
  });

  it('skips the named checks only', async () => {
    const found = await rulesFound(`# check=skip=JSONArgsRecommended,StageNameCasing;error=true\n${body}`);
    assert.ok(!found.includes('exec-form-cmd'));
    assert.ok(!found.includes('stage-name-casing'));
    assert.ok(found.includes('from-as-casing'));
  });

  it('skip=all skips every rule implementing a BuildKit check, not hadolint-only ones', async () => {
    const found = await rulesFound(`# check=skip=all\nFROM alpine:latest as Build\nCMD echo hello\n`);
    assert.ok(!found.includes('from-as-casing'));
    assert.ok(!found.includes('exec-form-cmd'));
    assert.ok(found.includes('from-latest'));
  });
});
