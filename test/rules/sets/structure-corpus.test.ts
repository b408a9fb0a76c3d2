import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { overlaps } from '../../../src/core/edits.js';
import { lintText } from '../../../src/lint/engine.js';
import { fixText } from '../../../src/lint/fix.js';
import { structureRules } from '../../../src/rules/sets/structure.js';
import { fixturesDir } from '../../helpers/paths.js';

function corpusFiles(dir = join(fixturesDir, 'corpus')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? corpusFiles(path) : [path];
  });
}

const options = { rules: structureRules, config: { severityOverrides: { DL1001: 'info' as const, InvalidDefinitionDescription: 'info' as const } } };

describe('structure rules over the Dockerfile corpus', () => {
  const files = corpusFiles();

  it('finds the corpus', () => assert.ok(files.length > 100));

  it('every finding lies in the file and its fix edits do not overlap each other', async () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const findings = await lintText(text, relative(fixturesDir, file), options);
      for (const f of findings) {
        const where = `${relative(fixturesDir, file)}:${f.line} ${f.rule}`;
        assert.ok(f.line >= 1 && f.endLine >= f.line, where);
        for (const [i, a] of (f.fix ?? []).entries()) {
          assert.ok(a.start >= 0 && a.end <= text.length && a.start <= a.end, where);
          for (const b of (f.fix ?? []).slice(i + 1)) assert.ok(!overlaps(a, b), `${where}: overlapping edits`);
        }
      }
    }
  });

  it('fixes converge: the fixed file has none of the fixed findings left and fixing again changes nothing', async () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fixed = await fixText(text, file, options);
      if (fixed.fixed.length === 0) continue;
      assert.equal(fixed.remaining.filter((f) => f.fixable).length, 0, `${relative(fixturesDir, file)} keeps fixable findings`);
      const again = await fixText(fixed.text, file, options);
      assert.equal(again.text, fixed.text, relative(fixturesDir, file));
    }
  });
});
