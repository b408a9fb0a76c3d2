import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { k8sChecks } from '../../src/k8s/checks/index.js';
import { runChecks } from '../../src/k8s/engine.js';
import { fixManifests } from '../../src/k8s/fix.js';
import type { ImageFacts } from '../../src/k8s/image-facts.js';
import { loadManifests } from '../../src/k8s/load.js';
import { coldStartPull, formatPull } from '../../src/k8s/pull.js';

function pod(container: string[], podLines: string[] = []): string {
  return ['kind: Pod', 'metadata: {name: p}', 'spec:', ...podLines.map((l) => `  ${l}`), '  containers:', ...container.map((l, i) => `${i === 0 ? '    - ' : '      '}${l}`), ''].join('\n');
}

function rules(text: string, images: ImageFacts[] = []): string[] {
  return runChecks(loadManifests(text, 't.yaml'), k8sChecks, { images }).map((f) => `${f.rule}@${f.line}:${f.column}`);
}

function facts(name: string, over: Partial<ImageFacts> = {}): ImageFacts {
  const files = new Set(['/app/server']);
  return {
    name,
    source: `oci:/nowhere/${name}`,
    user: '',
    exposedPorts: new Set(),
    path: ['/usr/bin', '/bin'],
    exists: (p) => files.has(p),
    layers: [],
    ...over,
  };
}

describe('grace period against preStop', () => {
  it('native sleep, exec sleep, sleep inside sh -c; default 30 s', () => {
    assert.ok(rules(pod(['name: a', 'image: a:1', 'lifecycle: {preStop: {sleep: {seconds: 40}}}'])).includes('grace-period-shorter-than-prestop@7:19'));
    assert.ok(
      rules(pod(['name: a', 'image: a:1', 'lifecycle: {preStop: {exec: {command: ["sh", "-c", "sleep 20 && nginx -s quit"]}}}'], ['terminationGracePeriodSeconds: 20'])).includes(
        'grace-period-shorter-than-prestop@4:3',
      ),
    );
    assert.ok(!rules(pod(['name: a', 'image: a:1', 'lifecycle: {preStop: {exec: {command: ["sleep", "5"]}}}'])).some((r) => r.startsWith('grace-period')));
  });
});

describe('process model', () => {
  it('a single command in sh -c is exec-ed by the shell; exec and wait end a script properly', () => {
    const quiet = (cmd: string): boolean => !rules(pod(['name: a', 'image: a:1', `command: ["sh", "-c", ${JSON.stringify(cmd)}]`])).some((r) => r.startsWith('shell-wrapper-without-exec'));
    assert.ok(quiet('server --port 80'));
    assert.ok(quiet('migrate && exec server'));
    assert.ok(!quiet('migrate\nserver'));
    assert.ok(!quiet('set -e; migrate; server'));
  });

  it('supervisors and background jobs', () => {
    assert.ok(rules(pod(['name: a', 'image: a:1', 'command: ["/usr/bin/supervisord", "-n"]'])).includes('multiple-processes@7:7'));
    assert.ok(rules(pod(['name: a', 'image: a:1', 'args: ["-c", "nginx & php-fpm"]', 'command: [bash]'])).includes('multiple-processes@8:7'));
    assert.ok(!rules(pod(['name: a', 'image: a:1', 'command: ["sh", "-c", "exec app > /dev/stdout 2>&1"]'])).some((r) => r.startsWith('multiple-processes')));
  });

  it('data downloads: curl in the main command, a health ping is not one; verified init downloads are fine', () => {
    assert.ok(rules(pod(['name: a', 'image: a:1', 'command: ["sh", "-c", "wget -qO /data/m.bin https://x.example/m.bin; exec app"]'])).includes('download-at-start@7:7'));
    assert.ok(!rules(pod(['name: a', 'image: a:1', 'command: ["sh", "-c", "curl -fs http://localhost:8080/warm; exec app"]'])).some((r) => r.startsWith('download-at-start')));
    const init = (cmd: string): string[] =>
      rules(['kind: Pod', 'metadata: {name: p}', 'spec:', '  initContainers:', '    - name: get', '      image: curl:8', `      command: ["sh", "-c", ${JSON.stringify(cmd)}]`, '  containers: [{name: a, image: a:1}]', ''].join('\n'));
    assert.ok(init('curl -o /d/x https://x.example/x').includes('init-download-unverified@7:7'));
    assert.ok(!init('curl -o /d/x https://x.example/x && sha256sum -c /d/x.sha256').some((r) => r.startsWith('init-download-unverified')));
    assert.ok(!init('aws s3 cp s3://b/x /d/x && gpg --verify /d/x.sig /d/x').some((r) => r.startsWith('init-download-unverified')));
    assert.ok(init('aws s3 cp s3://b/x /d/x').includes('init-download-unverified@7:7'));
  });
});

describe('image tags and pull policy', () => {
  it('digest and version tags pass; latest with IfNotPresent is inconsistent', () => {
    assert.ok(!rules(pod(['name: a', 'image: localhost:5000/a@sha256:' + 'a'.repeat(64)])).some((r) => r.startsWith('image-')));
    assert.ok(rules(pod(['name: a', 'image: localhost:5000/a'])).includes('image-tag-unpinned@6:7'));
    const r = rules(pod(['name: a', 'image: a:latest', 'imagePullPolicy: Never']));
    assert.ok(r.includes('image-pull-policy-mismatch@7:7'));
    assert.ok(!rules(pod(['name: a', 'image: a:latest', 'imagePullPolicy: Always'])).some((x) => x.startsWith('image-pull-policy')));
  });
});

describe('image cross-checks (in process)', () => {
  it('runAsNonRoot is not added by --fix when the image is known to run as root', () => {
    const text = pod(['name: a', 'image: a:1.0.0']);
    const root = fixManifests(text, 't.yaml', k8sChecks, { images: [facts('a')] });
    assert.ok(!root.text.includes('runAsNonRoot'));
    assert.ok(root.remaining.some((f) => f.rule === 'run-as-non-root' && !f.fixable));
    const nonRoot = fixManifests(text, 't.yaml', k8sChecks, { images: [facts('a', { user: '10001' })] });
    assert.ok(nonRoot.text.includes('runAsNonRoot: true'));
  });

  it('matches --image by image reference, repository or container name', () => {
    const text = pod(['name: web', 'image: reg.example/web:2.0.0', 'command: ["/bin/sh"]']);
    for (const name of ['reg.example/web:2.0.0', 'reg.example/web', 'web']) {
      assert.ok(rules(text, [facts(name)]).includes('program-not-in-image@7:7'), name);
    }
    assert.ok(!rules(text, [facts('other')]).some((r) => r.startsWith('program-not-in-image')));
    assert.ok(!rules(pod(['name: web', 'image: w:1', 'command: ["/app/server"]']), [facts('web')]).some((r) => r.startsWith('program-not-in-image')));
  });

  it('cold-start pull counts a shared layer once and names the images that share none', () => {
    const base = { digest: 'sha256:base', compressedSize: 1000 };
    const s = coldStartPull(
      [
        facts('a', { layers: [base, { digest: 'sha256:a', compressedSize: 10 }] }),
        facts('b', { layers: [base, { digest: 'sha256:b', compressedSize: 20 }, { digest: 'sha256:b', compressedSize: 20 }] }),
        facts('c', { layers: [{ digest: 'sha256:c', compressedSize: 500 }] }),
      ],
      (name) => (name === 'a' ? 2 : 0),
    );
    assert.deepEqual(s, {
      totalBytes: 1530,
      withoutSharingBytes: 2530,
      savedBytes: 1000,
      images: [
        { name: 'a', source: 'oci:/nowhere/a', bytes: 1010, layers: 2, sharedBytes: 1000, containers: 2 },
        // A digest listed twice in one image is one download.
        { name: 'b', source: 'oci:/nowhere/b', bytes: 1020, layers: 2, sharedBytes: 1000, containers: 0 },
        { name: 'c', source: 'oci:/nowhere/c', bytes: 500, layers: 1, sharedBytes: 0, containers: 0 },
      ],
      sharedLayers: [{ digest: 'sha256:base', bytes: 1000, images: ['a', 'b'] }],
      commonParentCandidates: ['c'],
    });
    const text = formatPull(s);
    assert.match(text, /^cold-start pull for 3 images: 1\.5 KiB compressed \(1530 bytes\) with shared layers pulled once; 2\.5 KiB \(2530 bytes\) without sharing/);
    assert.match(text, /^ {2}b: .*no container in the manifests runs it$/m);
    assert.match(text, /would gain from a common parent image\): c$/m);
  });

  it('cold-start pull of one image names no common-parent candidate; the same image under two names shares everything', () => {
    const layers = [{ digest: 'sha256:x', compressedSize: 7 }];
    assert.deepEqual(coldStartPull([facts('a', { layers })]).commonParentCandidates, []);
    const twice = coldStartPull([facts('a', { layers }), facts('b', { layers })]);
    assert.equal(twice.totalBytes, 7);
    assert.equal(twice.withoutSharingBytes, 14);
    assert.deepEqual(twice.commonParentCandidates, []);
  });
});

describe('fix keeps CRLF line endings', () => {
  it('inserts CRLF lines into a CRLF file', () => {
    const text = 'kind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n    - name: a\r\n      image: a:1\r\n      securityContext:\r\n        runAsUser: 1000\r\n';
    const out = fixManifests(text, 't.yaml', k8sChecks).text;
    assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
    assert.ok(out.includes('        allowPrivilegeEscalation: false\r\n'));
  });
});
