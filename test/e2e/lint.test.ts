/**
 * `whittle lint` and `whittle fix` on the real Dockerfiles of examples/, through the real CLI, and the proof
 * that fixes are safe: the fixed naive Dockerfile still builds with buildah, its image is not bigger, and
 * its program still runs.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { glob } from 'tinyglobby';
import type { JsonFinding } from '../../src/report/lint/json.js';
import { e2eImagesDir, e2eStorage, ensureE2EImages, ensureImage, run, type E2EImage } from '../helpers/e2e-images.js';
import { repoRoot } from '../helpers/paths.js';
import { dockerArchiveManifest, tarMemberSizes, whittle } from './inspect-helpers.js';

const examplesDir = join(repoRoot, 'examples');

async function lintJson(files: string[], cwd = repoRoot): Promise<JsonFinding[]> {
  const result = await whittle(['lint', '--format', 'json', ...files], { cwd });
  assert.ok(result.code === 0 || result.code === 1, `whittle lint exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonFinding[];
}

function rulesOf(findings: JsonFinding[]): Set<string> {
  return new Set(findings.map((f) => f.rule));
}

/** 1-based number of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index !== -1, `no line contains ${needle}`);
  return index + 1;
}

/** Sum of the uncompressed layer tars of a docker-archive, measured with tar, not with whittle. */
async function imageBytes(dockerArchive: string): Promise<number> {
  const { Layers } = await dockerArchiveManifest(dockerArchive);
  const sizes = await tarMemberSizes(dockerArchive);
  return Layers.reduce((sum, layer) => sum + sizes.get(layer)!, 0);
}

describe('e2e lint: the examples/ Dockerfiles', () => {
  it('lints every Dockerfile under examples/ without an input error, findings inside the files', async () => {
    const dockerfiles = await glob(['**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile'], { cwd: examplesDir, absolute: true });
    assert.ok(dockerfiles.length >= 3, `found ${dockerfiles.length} Dockerfiles`);
    const result = await whittle(['lint', '--format', 'json', ...dockerfiles.map((f) => relative(repoRoot, f))], { cwd: repoRoot });
    assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    for (const finding of findings) {
      const text = await readFile(join(repoRoot, finding.file), 'utf8');
      const lines = text.split('\n').length;
      assert.ok(finding.line >= 1 && finding.line <= lines, `${finding.file}:${finding.line} (${finding.rule}) is outside the file`);
      assert.ok(finding.column >= 1, `${finding.file}:${finding.line}:${finding.column} (${finding.rule})`);
    }
  });

  it('finds what is wrong with the naive Dockerfile, on the right lines', async () => {
    const file = join(e2eImagesDir, 'naive', 'Dockerfile');
    const text = await readFile(file, 'utf8');
    const findings = await lintJson([relative(repoRoot, file)]);
    const at = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.line);
    const found = `rules found: ${[...rulesOf(findings)].join(', ')}`;
    assert.deepEqual(at('exec-form-cmd'), [lineOf(text, 'CMD sh')], found);
    assert.deepEqual(at('apt-update-alone'), [lineOf(text, 'RUN apt-get update')], found);
    assert.deepEqual(at('runs-as-root'), [lineOf(text, 'FROM ')], found);
  });

  it('finds none of those in the slim and noshell Dockerfiles', async () => {
    for (const name of ['slim', 'noshell']) {
      const findings = await lintJson([relative(repoRoot, join(e2eImagesDir, name, 'Dockerfile'))]);
      const rules = rulesOf(findings);
      for (const rule of ['apt-lists-not-removed', 'apt-no-install-recommends', 'exec-form-cmd', 'shell-form-entrypoint', 'apt-update-alone', 'runs-as-root', 'last-user-root']) {
        assert.equal(rules.has(rule), false, `${name}: unexpected ${rule}`);
      }
    }
  });
});

describe('e2e fix: fixed Dockerfiles still build', () => {
  let workDir: string;
  let naive: E2EImage;
  let fixed: E2EImage;
  let originalText: string;
  let fixedText: string;

  before(async () => {
    naive = (await ensureE2EImages()).naive;
    workDir = await mkdtemp(join(tmpdir(), 'whittle-e2e-fix-'));
    const context = join(workDir, 'naive');
    await cp(join(e2eImagesDir, 'naive'), context, { recursive: true });
    originalText = await readFile(join(context, 'Dockerfile'), 'utf8');
    const result = await whittle(['fix', 'Dockerfile'], { cwd: context });
    assert.ok(result.code === 0 || result.code === 1, `whittle fix exited ${result.code}: ${result.stderr}`);
    fixedText = await readFile(join(context, 'Dockerfile'), 'utf8');
    // Cached by the fixed text: a change in what fix writes builds again.
    fixed = await ensureImage('fixed-naive', context, 'docker', ['docker-archive']);
  });

  after(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('changes the naive Dockerfile, and lint finds fewer problems afterwards', async () => {
    assert.notEqual(fixedText, originalText);
    const before = await lintJson([relative(repoRoot, join(e2eImagesDir, 'naive', 'Dockerfile'))]);
    const afterFix = await lintJson(['Dockerfile'], join(workDir, 'naive'));
    assert.ok(afterFix.length < before.length, `${before.length} findings before, ${afterFix.length} after`);
    assert.deepEqual(afterFix.filter((f) => f.fixable).map((f) => `${f.rule}@${f.line}`), [], 'fix leaves nothing fixable');
  });

  it('builds with buildah into an image that is not bigger', async () => {
    const naiveBytes = await imageBytes(naive.dockerArchive);
    const fixedBytes = await imageBytes(fixed.dockerArchive);
    assert.ok(fixedBytes <= naiveBytes, `fixed image ${fixedBytes} bytes, naive ${naiveBytes}`);
  });

  it('still runs its program, started the way the fixed image says', async () => {
    // The image's own ENTRYPOINT + CMD, as the container runtime would start it (CMD is what fix rewrote).
    const config = JSON.parse((await run('skopeo', ['inspect', '--config', '--raw', `docker-archive:${fixed.dockerArchive}`])).stdout) as {
      config?: { Entrypoint?: string[] | null; Cmd?: string[] | null };
    };
    const argv = [...(config.config?.Entrypoint ?? []), ...(config.config?.Cmd ?? [])];
    assert.ok(argv.length > 0, 'the fixed image has a command');
    const ctr = (await run('buildah', [...e2eStorage.buildahArgs, 'from', '--pull=never', fixed.tag])).stdout.trim();
    try {
      const { stdout } = await run('buildah', [...e2eStorage.buildahArgs, 'run', '--isolation', 'chroot', ctr, '--', ...argv]);
      assert.match(stdout, /whittle naive e2e image/);
      assert.match(stdout, /^curl \d/m);
    } finally {
      await run('buildah', [...e2eStorage.buildahArgs, 'rm', ctr]);
    }
  });
});
