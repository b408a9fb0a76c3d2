/**
 * `whittle k8s --image` against real images built by buildah (test/helpers/e2e-images.ts), read as OCI layouts
 * through the real CLI: programs an exec probe needs, runAsNonRoot on a root image, ports, and the cold-start
 * pull checked against the layer sizes skopeo reads from the same layouts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { E2EImages } from '../helpers/e2e-images.js';
import { ensureE2EImages, run } from '../helpers/e2e-images.js';
import { fixturesDir } from '../helpers/paths.js';
import { assertNoStack, runCli, tempTree } from '../cli/run-cli.js';
import { sarifProblems } from '../../src/report/schema-check.js';
import { k8sJsonProblems } from './json-schema.js';

const fixture = (name: string): string => join(fixturesDir, 'k8s', 'e2e', name);

interface JsonFinding {
  rule: string;
  line: number;
  column: number;
  severity: string;
  message: string;
}
interface Pull {
  totalBytes: number;
  withoutSharingBytes: number;
  savedBytes: number;
  images: Array<{ name: string; source: string; bytes: number; layers: number; sharedBytes: number; containers: number }>;
  sharedLayers: Array<{ digest: string; bytes: number; images: string[] }>;
  commonParentCandidates: string[];
}
interface K8sJson {
  findings: JsonFinding[];
  pull: Pull | null;
}

/** 1-based line and column where `needle` starts in the fixture (its first occurrence after `after`). */
function positionOf(file: string, needle: string, after = ''): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(offset >= 0, `${needle} in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function k8sJson(args: string[], options: { cwd?: string } = {}): { code: number | null; report: K8sJson; stderr: string } {
  const r = runCli(['k8s', '-f', 'json', ...args], options);
  assertNoStack(r.stderr);
  const report = JSON.parse(r.stdout) as K8sJson;
  assert.deepEqual(k8sJsonProblems(report), []);
  return { code: r.code, report, stderr: r.stderr };
}

const at = (findings: JsonFinding[], rule: string): string[] => findings.filter((f) => f.rule === rule).map((f) => `${f.line}:${f.column}`);
const where = (p: { line: number; column: number }): string => `${p.line}:${p.column}`;

/** Layer digests and sizes as skopeo reads them from the OCI layout: independent of whittle's image engine. */
async function skopeoLayers(ociDir: string): Promise<Array<{ digest: string; size: number }>> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', `oci:${ociDir}:latest`]);
  return (JSON.parse(stdout) as { layers: Array<{ digest: string; size: number }> }).layers;
}

describe('whittle k8s cross-checks with real images (buildah, OCI layouts)', () => {
  let images: E2EImages;
  const oci = (name: keyof E2EImages): string => `oci:${images[name].ociDir}:latest`;

  before(async () => {
    images = await ensureE2EImages();
  });

  it('an exec probe running sh on the shell-less image: program-not-in-image at the probe command, nothing for /hello', () => {
    const file = fixture('probes.yaml');
    const { code, report } = k8sJson(['--image', `app=${oci('noshell')}`, file]);
    assert.equal(code, 1);
    const probe = positionOf(file, 'command: ["sh"');
    assert.deepEqual(at(report.findings, 'program-not-in-image'), [where(probe)]);
    assert.match(report.findings.find((f) => f.rule === 'program-not-in-image')!.message, /livenessProbe exec runs sh, which image app does not have/);
    // The text report names file:line:col.
    const text = runCli(['k8s', '--image', `app=${oci('noshell')}`, file]);
    assert.ok(text.stdout.includes(`${probe.line}:${probe.column}`) && text.stdout.includes('program-not-in-image'), text.stdout);
  });

  it('the same probes on the Debian image: sh is there (no finding), /hello is not (command and readiness probe)', () => {
    const file = fixture('probes.yaml');
    const { report } = k8sJson(['--image', `app=${oci('naive')}`, file]);
    const command = positionOf(file, 'command: ["/hello", "serve"]');
    const readiness = positionOf(file, 'command: ["/hello", "ready"]');
    assert.deepEqual(at(report.findings, 'program-not-in-image'), [where(command), where(readiness)]);
  });

  it('runAsNonRoot with no runAsUser on the root image: non-root-image-runs-as-root; not with runAsUser, not on non-root images', () => {
    const file = fixture('non-root.yaml');
    const strict = positionOf(file, 'runAsNonRoot: true');
    const naive = k8sJson(['--image', `app=${oci('naive')}`, file]).report;
    assert.deepEqual(at(naive.findings, 'non-root-image-runs-as-root'), [where(strict)]);
    assert.match(naive.findings.find((f) => f.rule === 'non-root-image-runs-as-root')!.message, /^Pod\/strict: .*runs as root \(no USER\)/);
    for (const name of ['slim', 'noshell'] as const) {
      assert.deepEqual(at(k8sJson(['--image', `app=${oci(name)}`, file]).report.findings, 'non-root-image-runs-as-root'), [], `${name} runs as 65532`);
    }
  });

  it('a containerPort the image does not EXPOSE: port-not-exposed-by-image on 9090, not on 8080', () => {
    const file = fixture('ports.yaml');
    const { report } = k8sJson(['--image', `app=${images.naive.dockerArchive}`, file]);
    assert.deepEqual(at(report.findings, 'port-not-exposed-by-image'), [where(positionOf(file, 'containerPort: 9090'))]);
  });

  it('cold-start pull: the Debian base layer naive and slim share is counted once, as skopeo reads the layouts', async () => {
    const layers = { naive: await skopeoLayers(images.naive.ociDir), slim: await skopeoLayers(images.slim.ociDir), noshell: await skopeoLayers(images.noshell.ociDir) };
    const sum = (ls: Array<{ size: number }>): number => ls.reduce((a, l) => a + l.size, 0);
    const shared = layers.naive.filter((l) => layers.slim.some((s) => s.digest === l.digest));
    assert.ok(shared.length >= 1, 'naive and slim share the Debian base layer by digest');
    const file = fixture('fleet.yaml');
    const args = ['--image', `registry.example.com/naive=${oci('naive')}`, '--image', `registry.example.com/slim=${oci('slim')}`, '--image', `registry.example.com/noshell=${oci('noshell')}`, file];
    const { report } = k8sJson(args);
    const pull = report.pull!;
    const without = sum(layers.naive) + sum(layers.slim) + sum(layers.noshell);
    assert.equal(pull.withoutSharingBytes, without);
    assert.equal(pull.totalBytes, without - sum(shared));
    assert.equal(pull.savedBytes, sum(shared));
    assert.deepEqual(
      pull.images.map((i) => [i.name, i.bytes, i.layers, i.sharedBytes, i.containers]),
      [
        ['registry.example.com/naive', sum(layers.naive), layers.naive.length, sum(shared), 1],
        ['registry.example.com/slim', sum(layers.slim), layers.slim.length, sum(shared), 2],
        ['registry.example.com/noshell', sum(layers.noshell), layers.noshell.length, 0, 1],
      ],
    );
    assert.deepEqual(pull.sharedLayers.map((l) => [l.digest, l.bytes, l.images]), shared.map((l) => [l.digest, l.size, ['registry.example.com/naive', 'registry.example.com/slim']]));
    assert.deepEqual(pull.commonParentCandidates, ['registry.example.com/noshell']);
    // SARIF carries the same figure in the run's properties (the text rendering is unit-tested with formatPull).
    const sarif = JSON.parse(runCli(['k8s', '-f', 'sarif', ...args]).stdout) as { runs: Array<{ properties: { pull: Pull } }> };
    assert.deepEqual(sarif.runs[0]!.properties.pull, pull);
    assert.deepEqual(sarifProblems(sarif), [], 'still SARIF 2.1.0 with the property bag');
  });

  it('the same image under two names: every layer shared, pulled once', async () => {
    const slim = await skopeoLayers(images.slim.ociDir);
    const size = slim.reduce((a, l) => a + l.size, 0);
    const { report } = k8sJson(['--image', `registry.example.com/slim=${oci('slim')}`, '--image', `slim-sidecar=${oci('slim')}`, fixture('fleet.yaml')]);
    assert.equal(report.pull!.totalBytes, size);
    assert.equal(report.pull!.withoutSharingBytes, 2 * size);
    assert.deepEqual(report.pull!.commonParentCandidates, []);
    // The sidecar container matches by name, the other by repository: the image NAME is matched before the container name.
    assert.deepEqual(report.pull!.images.map((i) => i.containers), [2, 0]);
  });

  it('k8s.images in .whittle.yaml (paths relative to the file) is read like --image, and --image replaces the same NAME', () => {
    const dir = tempTree({
      'deploy/probes.yaml': readFileSync(fixture('probes.yaml'), 'utf8'),
      'deploy/.whittle.yaml': 'k8s:\n  images:\n    app: oci:images/noshell:latest\n  override:\n    program-not-in-image: warning\n  failureThreshold: error\n',
      'elsewhere/.keep': '',
    });
    mkdirSync(join(dir, 'deploy', 'images'));
    symlinkSync(images.noshell.ociDir, join(dir, 'deploy', 'images', 'noshell'));
    // Run from another folder: the config is found from the manifest's folder, its path read from there.
    const cwd = join(dir, 'elsewhere');
    const viaConfig = k8sJson(['../deploy/probes.yaml'], { cwd });
    assert.equal(viaConfig.code, 0, 'the only error was lowered to a warning, the threshold is error');
    assert.deepEqual(viaConfig.report.findings.filter((f) => f.rule === 'program-not-in-image').map((f) => f.severity), ['warning']);
    assert.equal(viaConfig.report.pull!.images[0]!.source, `oci:${join(dir, 'deploy', 'images', 'noshell')}:latest`);
    const replaced = k8sJson(['--image', `app=${oci('naive')}`, '../deploy/probes.yaml'], { cwd });
    assert.equal(replaced.report.findings.filter((f) => f.rule === 'program-not-in-image').length, 2, 'naive lacks /hello twice');
    assert.deepEqual(replaced.report.pull!.images.map((i) => i.source), [oci('naive')]);
  });
});
