import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { InspectReport } from '../../src/report/inspect/model.js';
import { ociLayout } from '../analyze/image-fixture.js';
import { assertNoStack, runCli, tempTree } from './run-cli.js';

let image: string;
let corrupt: string;
const SECRET = 'TOPSECRETVALUE123';

before(async () => {
  image = await ociLayout({
    layers: [
      [
        { path: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' },
        { path: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.5-r0\nA:x86_64\nI:622592\nL:MIT\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\nI:950272\n' },
        { path: 'bin/busybox', content: 'elf', mode: 0o755 },
        { path: 'bin/sh', type: 'symlink', linkname: 'busybox' },
        { path: 'var/cache/apk/APKINDEX.tar.gz', content: Buffer.alloc(40_000, 1) },
      ],
      [{ path: 'var/cache/apk/.wh.APKINDEX.tar.gz' }, { path: 'app/server', content: 'bin', mode: 0o755 }],
    ],
    config: { config: { User: 'root', Env: [`API_TOKEN=${SECRET}`], Entrypoint: ['/app/server'] } },
  });
  corrupt = await ociLayout({ layers: [[{ path: 'a', content: 'a' }]], corrupt: { diffId: 0 } });
});

function json(stdout: string): InspectReport {
  return JSON.parse(stdout) as InspectReport;
}

describe('whittle inspect (CLI)', () => {
  it('prints a JSON report and exits 0 without budgets', () => {
    const dir = tempTree({});
    const r = runCli(['inspect', '--format', 'json', image], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = json(r.stdout);
    assert.equal(report.image.reference, image);
    assert.equal(report.image.layerCount, 2);
    assert.equal(report.wastedBytes, 40_000);
    assert.deepEqual(report.packages.map((p) => p.name), ['busybox', 'musl']);
    assert.ok(!r.stdout.includes(SECRET));
    assert.equal(r.stderr, '');
  });

  it('prints a text summary by default', () => {
    const r = runCli(['inspect', image], { cwd: tempTree({}) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Image {6}/m);
    assert.match(r.stdout, /^Findings \(\d+\)$/m);
    assert.ok(!r.stdout.includes(SECRET));
  });

  it('exits 1 when a flag budget is broken, 0 when met', () => {
    const dir = tempTree({});
    const broken = runCli(['inspect', '-f', 'json', '--max-size', '1kB', '--forbid-shell', image], { cwd: dir });
    assert.equal(broken.code, 1, broken.stderr);
    assert.deepEqual(
      json(broken.stdout).budgets.map((b) => [b.budget, b.passed]),
      [
        ['max-size', false],
        ['forbid-shell', false],
      ],
    );
    const met = runCli(['inspect', '-f', 'json', '--max-size', '10MB', '--max-layers', '2', image], { cwd: dir });
    assert.equal(met.code, 0, met.stderr);
  });

  it('--quiet prints only the broken budgets', () => {
    const r = runCli(['inspect', '--quiet', '--min-efficiency', '90%', image], { cwd: tempTree({}) });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^budget min-efficiency broken: 0\.\d+ \(limit 0\.9, --min-efficiency\)\n$/);
  });

  it("reads budgets from .whittle.yaml's inspect section", () => {
    const dir = tempTree({ '.whittle.yaml': 'inspect:\n  maxLayers: 1\n  forbidRoot: true\n' });
    const r = runCli(['inspect', '-f', 'json', image], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      json(r.stdout).budgets.map((b) => [b.budget, b.passed, b.source.endsWith('.whittle.yaml')]),
      [
        ['max-layers', false, true],
        ['forbid-root', false, true],
      ],
    );
  });

  it("reads dive's .dive-ci rules and judges with dive's figures", () => {
    const failing = tempTree({ '.dive-ci': 'rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: disabled\n  highestUserWastedPercent: "0.5"\n' });
    const r = runCli(['inspect', '-f', 'json', image], { cwd: failing });
    assert.equal(r.code, 1, r.stderr);
    const budgets = json(r.stdout).budgets;
    assert.deepEqual(budgets.map((b) => b.budget), ['dive-lowest-efficiency', 'dive-highest-user-wasted-percent']);
    assert.equal(budgets[0]!.passed, false);
    const passing = tempTree({ '.dive-ci': 'rules:\n  lowestEfficiency: 0.0\n  highestWastedBytes: 1MB\n' });
    assert.equal(runCli(['inspect', '-q', image], { cwd: passing }).code, 0);
    assert.equal(runCli(['inspect', '-q', '--no-dive-ci', image], { cwd: failing }).code, 0);
  });

  it('writes an SBOM with --sbom FORMAT FILE, before or after the image', () => {
    const dir = tempTree({});
    const after = runCli(['inspect', '-q', image, '--sbom', 'cyclonedx', 'bom.json'], { cwd: dir });
    assert.equal(after.code, 0, after.stderr);
    const bom = JSON.parse(readFileSync(join(dir, 'bom.json'), 'utf8')) as { specVersion: string; components: Array<{ purl: string }> };
    assert.equal(bom.specVersion, '1.5');
    assert.deepEqual(bom.components.map((c) => c.purl), ['pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3', 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3']);
    const before = runCli(['inspect', '-q', '--sbom', 'spdx', 'spdx.json', image], { cwd: dir });
    assert.equal(before.code, 0, before.stderr);
    assert.equal((JSON.parse(readFileSync(join(dir, 'spdx.json'), 'utf8')) as { spdxVersion: string }).spdxVersion, 'SPDX-2.3');
  });

  it('errors are one line with exit 2: missing image, bad options, broken images', () => {
    const dir = tempTree({});
    const badDiveCi = tempTree({ '.dive-ci': 'rules:\n  lowestEfficiency: lots\n' });
    const cases: Array<[string[], RegExp, string?]> = [
      [['inspect', './no-such-image.tar'], /no such file or directory/],
      [['inspect'], /missing the image to inspect/],
      [['inspect', '--max-size', 'huge', image], /--max-size: expected a size/],
      [['inspect', '--min-efficiency', '1.5', image], /--min-efficiency: expected a ratio/],
      [['inspect', '--sbom', 'swid', 'x.json', image], /--sbom: unknown format "swid"/],
      [['inspect', '--no-dive-ci', corrupt], /layer 0 \(sha256:[0-9a-f]{64}\): diffID mismatch/],
      [['inspect', image], /^\.dive-ci: rules\.lowestEfficiency: expected a number/, badDiveCi],
    ];
    for (const [args, message, cwd] of cases) {
      const r = runCli(args, { cwd: cwd ?? dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
      assertNoStack(r.stderr);
      assert.equal(r.stdout, '');
    }
    assert.ok(!existsSync(join(dir, 'x.json')));
  });

  it('--output writes the report to a file', () => {
    const dir = tempTree({});
    writeFileSync(join(dir, 'keep'), 'x');
    const r = runCli(['inspect', '-f', 'json', '-o', 'report.json', image], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(json(readFileSync(join(dir, 'report.json'), 'utf8')).image.layerCount, 2);
  });
});
