/** Over every fixture: fixes settle, are idempotent, only insert text, and keep every comment. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { fixManifests } from '../../src/k8s/fix.js';
import { loadManifests } from '../../src/k8s/load.js';
import { fixturesDir } from '../helpers/paths.js';

const dir = join(fixturesDir, 'k8s');

/** Whether `small` can be read out of `big` in order (the fix only inserted). */
function isSubsequence(small: string, big: string): boolean {
  let i = 0;
  for (let j = 0; j < big.length && i < small.length; j++) if (big[j] === small[i]) i++;
  return i === small.length;
}

describe('k8s fixes over the fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const once = fixManifests(text, name, k8sChecks);
      assert.equal(once.rejected, undefined);
      assert.equal(fixManifests(once.text, name, k8sChecks).text, once.text, 'idempotent');
      assert.ok(isSubsequence(text, once.text), 'only insertions');
      const comments = (t: string): string[] => t.split('\n').filter((l) => /#/.test(l));
      assert.deepEqual(comments(once.text), comments(text));
      assert.ok(once.remaining.every((f) => !f.fixable), 'nothing fixable left');
      // Same objects, same containers after the fix.
      const names = (t: string): string[] => loadManifests(t, name).workloads.flatMap((w) => w.containers.map((c) => `${w.kind}/${w.name}/${c.name}`));
      assert.deepEqual(names(once.text), names(text));
    });
  }
});

describe('k8s --fix-resources over the fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const options = { fixResources: true };
      const once = fixManifests(text, name, k8sChecks, options);
      assert.equal(once.rejected, undefined);
      assert.equal(fixManifests(once.text, name, k8sChecks, options).text, once.text, 'idempotent');
      assert.ok(isSubsequence(text, once.text), 'only insertions');
      // Every comment kept; the only new ones are the placeholders' TODO marks.
      const comments = (t: string): string[] => t.split('\n').filter((l) => /#/.test(l) && !/# TODO: measure$/.test(l));
      assert.deepEqual(comments(once.text), comments(text));
      assert.ok(!once.remaining.some((f) => f.rule === 'cpu-request-missing' || f.rule === 'memory-request-missing'), 'every container has requests');
      // Without the flag, the same file gets no placeholder.
      assert.ok(!fixManifests(text, name, k8sChecks).text.includes('TODO: measure'));
    });
  }
});
