/**
 * The fixture corpus (fixtures/corpus, 150+ realistic Dockerfiles): every file parses, prints back byte for byte,
 * lints without error, and fixes safely (the fixed text parses, and fixing it again changes nothing). A reviewed
 * sample has its findings pinned in fixtures/corpus-findings.json; regenerate it with WHITTLE_UPDATE_CORPUS=1 and
 * review the diff.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { printDockerfile } from '../../src/dockerfile/print.js';
import { lintText } from '../../src/lint/engine.js';
import { fixText } from '../../src/lint/fix.js';
import { fixturesDir } from '../helpers/paths.js';

const corpusDir = join(fixturesDir, 'corpus');
const pinnedFile = join(fixturesDir, 'corpus-findings.json');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

const files = walk(corpusDir).map((path) => ({ name: relative(corpusDir, path), text: readFileSync(path, 'utf8') }));

/** The reviewed sample: a few files of each kind. */
const SAMPLE = [
  'debian/apt-basic.Dockerfile',
  'debian/apt-clean.Dockerfile',
  'debian/apt-pipe-nopipefail.Dockerfile',
  'debian/secret-arg.Dockerfile',
  'debian/dataset-image.Dockerfile',
  'debian/upx.Dockerfile',
  'alpine/apk-basic.Dockerfile',
  'alpine/apk-virtual-notremoved.Dockerfile',
  'go/naive.Dockerfile',
  'go/builder-scratch.Dockerfile',
  'go/copy-from-undefined.Dockerfile',
  'go/unused-stage.Dockerfile',
  'node/naive.Dockerfile',
  'node/good.Dockerfile',
  'python/naive-django.Dockerfile',
  'python/multistage-venv.Dockerfile',
  'python/dev-requirements.Dockerfile',
  'java/maven-naive.Dockerfile',
  'rust/musl-scratch.Dockerfile',
  'multistage/stage-from-stage-root.Dockerfile',
  'heredoc/run-heredoc.Dockerfile',
  'heredoc/heredoc-apt-noclean.Dockerfile',
  'escape/backtick-noclean.Dockerfile',
  'misc/ignore-pragmas.Dockerfile',
  'misc/check-directive.Dockerfile',
  'misc/labels-bad.Dockerfile',
];

describe('fixture corpus', () => {
  it('holds at least 150 Dockerfiles', () => {
    assert.ok(files.length >= 150, `only ${files.length} files`);
  });

  it('parses every file and prints it back byte for byte', async () => {
    for (const f of files) {
      const df = await parseDockerfile(f.text, f.name);
      assert.ok(df.instructions.length > 0, f.name);
      assert.equal(printDockerfile(df), f.text, `${f.name} does not round-trip`);
    }
  });

  it('fixes every file safely: the result parses and a second fix changes nothing', async () => {
    let changed = 0;
    for (const f of files) {
      const once = await fixText(f.text, f.name);
      await parseDockerfile(once.text, f.name);
      const twice = await fixText(once.text, f.name);
      assert.equal(twice.text, once.text, `${f.name}: fixing twice changed the file`);
      if (once.text !== f.text) changed++;
    }
    assert.ok(changed > 20, `only ${changed} corpus files had something to fix`);
  });

  it('gives the reviewed findings on the sample', async () => {
    const actual: Record<string, string[]> = {};
    for (const name of SAMPLE) {
      const f = files.find((x) => x.name === name);
      assert.ok(f, `sample file ${name} is missing`);
      const findings = await lintText(f.text, name);
      actual[name] = findings.map((x) => `${x.line}:${x.column} ${x.rule}`);
    }
    if (process.env.WHITTLE_UPDATE_CORPUS) writeFileSync(pinnedFile, JSON.stringify(actual, null, 2) + '\n');
    const pinned = JSON.parse(readFileSync(pinnedFile, 'utf8')) as Record<string, string[]>;
    assert.deepEqual(actual, pinned);
  });
});
