import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runCli, tempTree } from '../../cli/run-cli.js';
import { ensureE2EImages } from '../../helpers/e2e-images.js';
import type { E2EImages } from '../../helpers/e2e-images.js';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: hello, namespace: demo}',
  'spec:',
  '  containers:',
  '    - name: app',
  '      image: registry.example.com/demo/hello:1.0',
  '',
].join('\n');

interface Report {
  method: string;
  shell: { verdict: string; basis: string; detail: string; path?: string };
  commands: Array<{ argv: string[]; why: string[] }>;
  customProfile: { content: { securityContext: Record<string, number> } } | null;
  ephemeralContainerPatch: { body: { spec: { ephemeralContainers: Array<Record<string, unknown>> } } } | null;
}

describe('whittle debug against real images (buildah-built OCI layouts)', () => {
  let images: E2EImages;
  let file: string;
  before(async () => {
    images = await ensureE2EImages();
    file = `${tempTree({ 'pod.yaml': POD })}/pod.yaml`;
  });
  const debug = (image: string, extra: string[] = []): Report => {
    const r = runCli(['debug', '--format', 'json', file, '--image', `app=oci:${image}:latest`, ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };

  it('noshell (a static binary on scratch): an ephemeral container with --target, evidence from the image', () => {
    const report = debug(images.noshell.ociDir);
    assert.equal(report.shell.verdict, 'absent');
    assert.equal(report.shell.basis, 'image');
    assert.match(report.shell.detail, /no \/bin\/sh/);
    assert.equal(report.method, 'ephemeral');
    const argv = report.commands[0]!.argv;
    assert.deepEqual(argv.slice(0, 6), ['kubectl', 'debug', '-n', 'demo', 'hello', '-it']);
    assert.ok(argv.includes('--target=app'));
    assert.equal(report.ephemeralContainerPatch!.body.spec.ephemeralContainers[0]!.targetContainerName, 'app');
    // The image's USER 65532:65532 is read: root with SYS_PTRACE may read its files under the general profile ...
    assert.ok(report.commands[0]!.why.some((w) => w.includes("app's user 65532")));
    // ... and under baseline the debugger must become that user.
    assert.deepEqual(debug(images.noshell.ociDir, ['--pss', 'baseline']).customProfile!.content.securityContext, { runAsUser: 65532, runAsGroup: 65532 });
  });

  it('naive (Debian with a shell): kubectl exec is enough', () => {
    const report = debug(images.naive.ociDir);
    assert.equal(report.shell.verdict, 'present');
    assert.equal(report.shell.path, '/bin/sh');
    assert.equal(report.method, 'exec');
    assert.deepEqual(report.commands[0]!.argv, ['kubectl', 'exec', '-it', '-n', 'demo', 'hello', '-c', 'app', '--', '/bin/sh']);
    assert.ok(report.commands[0]!.why.some((w) => w.includes('kubectl exec is enough')));
  });
});
