/** `whittle k8s --fix`: image digest pinning (from --image) and, with --fix-resources, request placeholders. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { fixManifests } from '../../src/k8s/fix.js';
import type { ImageFacts } from '../../src/k8s/image-facts.js';
import { loadImageFacts } from '../../src/k8s/image-facts.js';
import { runCli } from '../cli/run-cli.js';
import { writeOciLayout } from '../helpers/image-writer.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
// Hardened containers, so only the fixes under test change the text.
const HARD = '{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: {drop: [ALL]}}';

function facts(name: string, digest?: string): ImageFacts {
  return { name, source: `oci:/${name}`, user: '1000', exposedPorts: new Set(), path: [], exists: () => true, layers: [], ...(digest ? { digest } : {}) };
}

describe('k8s --fix: image pinning', () => {
  const input = [
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    '  containers:',
    '    - name: a   # main',
    '      image: "web:latest"  # the app',
    `      securityContext: ${HARD}`,
    '      resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {memory: 1Mi}}',
    "    - {name: b, image: 'registry.example.com:5000/tool', securityContext: " + HARD + ', resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {memory: 1Mi}}}',
    '    - name: c',
    '      image: other',
    `      securityContext: ${HARD}`,
    '      resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {memory: 1Mi}}',
    '',
  ].join('\n');
  const images = [facts('web', DIGEST), facts('registry.example.com:5000/tool', DIGEST), facts('other')];

  it('rewrites an unpinned image to REPO:TAG@digest in its own quoting, keeping the tag and comments', () => {
    const result = fixManifests(input, 't.yaml', k8sChecks, { images });
    const expected = input
      .replace('"web:latest"', `"web:latest@${DIGEST}"`)
      .replace("'registry.example.com:5000/tool'", `'registry.example.com:5000/tool@${DIGEST}'`);
    assert.equal(result.text, expected);
    assert.deepEqual(result.fixed.map((f) => f.rule), ['image-tag-unpinned', 'image-tag-unpinned']);
    assert.equal(fixManifests(result.text, 't.yaml', k8sChecks, { images }).text, result.text, 'idempotent');
  });

  it('without a known digest: no edit, and the message names the commands that give one', () => {
    const result = fixManifests(input, 't.yaml', k8sChecks, { images: [facts('other')] });
    assert.equal(result.text, input);
    const left = result.remaining.filter((f) => f.rule === 'image-tag-unpinned');
    assert.equal(left.length, 3);
    assert.ok(left.every((f) => !f.fixable));
    const c = left.find((f) => f.message.includes('"other"'))!;
    assert.match(c.message, /`crane digest other`/);
    assert.match(c.message, /`skopeo inspect --format '\{\{\.Digest\}\}' docker:\/\/other`/);
  });

  it('pins only with an --image named by the reference, not one matched by container name', () => {
    const result = fixManifests(input, 't.yaml', k8sChecks, { images: [facts('a', DIGEST), facts('c', DIGEST)] });
    assert.equal(result.text, input);
  });

  it('leaves pinned tags and block scalars alone', () => {
    const text = ['kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: web', '      image: >-', '        web:latest', ''].join('\n');
    const result = fixManifests(text, 't.yaml', k8sChecks, { images: [facts('web', DIGEST)] });
    assert.ok(result.text.includes('      image: >-\n        web:latest\n'));
    assert.ok(result.remaining.some((f) => f.rule === 'image-tag-unpinned' && !f.fixable && f.message.includes(DIGEST)));
  });

  it('knows the digest index.json names for an OCI layout (the index of a nested layout, not the platform manifest)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-k8s-pin-'));
    const flat = await writeOciLayout(join(dir, 'flat'), { layers: [[{ path: 'a', content: 'a' }]] });
    const nested = await writeOciLayout(join(dir, 'nested'), { layers: [[{ path: 'a', content: 'a' }]], index: 'nested' });
    assert.equal((await loadImageFacts('x', `oci:${join(dir, 'flat')}`)).digest, flat.topIndex.manifests[0]!.digest);
    const n = await loadImageFacts('x', `oci:${join(dir, 'nested')}`);
    assert.equal(n.digest, nested.topIndex.manifests[0]!.digest);
    assert.equal(n.digest, nested.indexDigest);
    assert.notEqual(n.digest, nested.images[0]!.digest);
  });
});

describe('k8s --fix-resources: request placeholders', () => {
  const input = [
    'kind: Deployment',
    'metadata: {name: d}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      # the web server',
    '      - name: web',
    '        image: web:1.0.0',
    `        securityContext: ${HARD}`,
    '      - name: flow',
    '        image: flow:1.0.0',
    `        securityContext: ${HARD}`,
    '        resources: {requests: {cpu: 10m}, limits: {memory: 1Gi}} # sized',
    '      - name: block',
    '        image: block:1.0.0',
    `        securityContext: ${HARD}`,
    '        resources:',
    '            limits:',
    '                memory: 1Gi  # measured',
    '',
  ].join('\n');
  const expected = [
    'kind: Deployment',
    'metadata: {name: d}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      # the web server',
    '      - name: web',
    '        image: web:1.0.0',
    `        securityContext: ${HARD}`,
    '        resources:',
    '          requests:',
    '            cpu: 100m  # TODO: measure',
    '            memory: 128Mi  # TODO: measure',
    '      - name: flow',
    '        image: flow:1.0.0',
    `        securityContext: ${HARD}`,
    '        resources: {requests: {cpu: 10m, memory: 128Mi}, limits: {memory: 1Gi}} # sized',
    '      - name: block',
    '        image: block:1.0.0',
    `        securityContext: ${HARD}`,
    '        resources:',
    '            limits:',
    '                memory: 1Gi  # measured',
    '            requests:',
    '                cpu: 100m  # TODO: measure',
    '                memory: 128Mi  # TODO: measure',
    '',
  ].join('\n');

  it('adds block-style placeholders at the container indentation, into flow maps in place, keeping comments', () => {
    const result = fixManifests(input, 't.yaml', k8sChecks, { fixResources: true });
    assert.equal(result.text, expected);
    assert.equal(result.remaining.filter((f) => /request-missing/.test(f.rule)).length, 0);
    assert.equal(fixManifests(result.text, 't.yaml', k8sChecks, { fixResources: true }).text, result.text, 'idempotent');
  });

  it('marks a flow map it added to with the TODO comment when its line has none', () => {
    const text = input.replace(' # sized', '');
    const out = fixManifests(text, 't.yaml', k8sChecks, { fixResources: true }).text;
    assert.ok(out.includes('        resources: {requests: {cpu: 10m, memory: 128Mi}, limits: {memory: 1Gi}}  # TODO: measure\n'), out);
  });

  it('never without the flag', () => {
    const result = fixManifests(input, 't.yaml', k8sChecks);
    assert.equal(result.text, input);
    assert.ok(result.remaining.filter((f) => /request-missing/.test(f.rule)).every((f) => !f.fixable));
  });

  it('keeps CRLF line endings', () => {
    const out = fixManifests(input.replace(/\n/g, '\r\n'), 't.yaml', k8sChecks, { fixResources: true }).text;
    assert.equal(out, expected.replace(/\n/g, '\r\n'));
  });
});

describe('k8s --fix through the CLI', () => {
  let dir: string;
  let layoutDigest: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'whittle-k8s-fixcli-'));
    layoutDigest = (await writeOciLayout(join(dir, 'web'), { layers: [[{ path: 'a', content: 'a' }]] })).topIndex.manifests[0]!.digest;
  });
  const manifest = ['kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: web  # app', '      image: web:latest', `      securityContext: ${HARD}`, ''].join('\n');

  it('--dry-run prints the pin and the placeholders as a diff and writes nothing; --fix writes them once', () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, manifest);
    const args = ['k8s', '--fix', '--fix-resources', '--image', `web=oci:${join(dir, 'web')}`, file];
    const dry = runCli([...args.slice(0, 1), '--dry-run', ...args.slice(1)]);
    assert.match(dry.stdout, new RegExp(`^-      image: web:latest$\\n^\\+      image: web:latest@${layoutDigest}$`, 'm'), dry.stdout + dry.stderr);
    assert.match(dry.stdout, /^\+ {6}resources:\n\+ {8}requests:\n\+ {10}cpu: 100m {2}# TODO: measure\n\+ {10}memory: 128Mi {2}# TODO: measure$/m);
    assert.equal(readFileSync(file, 'utf8'), manifest);
    runCli(args);
    const fixed = readFileSync(file, 'utf8');
    assert.ok(fixed.includes(`image: web:latest@${layoutDigest}\n`));
    assert.ok(fixed.includes('    - name: web  # app\n'));
    runCli(args);
    assert.equal(readFileSync(file, 'utf8'), fixed, 'a second run changes nothing');
  });

  it('--fix alone adds no placeholders; --fix-resources without --fix is an input error', () => {
    const file = join(dir, 'pod2.yaml');
    writeFileSync(file, manifest);
    runCli(['k8s', '--fix', file]);
    assert.ok(!readFileSync(file, 'utf8').includes('resources'));
    const r = runCli(['k8s', '--fix-resources', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fix-resources .* --fix/);
  });
});
