import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { assertNoStack, runCli, tempTree } from '../../cli/run-cli.js';
import { writeOciLayout } from '../../helpers/image-writer.js';
import { fixturesDir, repoRoot } from '../../helpers/paths.js';
import { ephemeralPatchProblems } from './helpers.js';

const fixture = (name: string): string => join(fixturesDir, 'k8s', 'debug', name);

interface JsonReport {
  method: string;
  profile: string | null;
  commands: Array<{ argv: string[]; shell: string; why: string[] }>;
  alternatives: Array<{ argv: string[]; shell: string }>;
  ephemeralContainerPatch: { path: string; body: unknown } | null;
  warnings: string[];
  notes: string[];
  podSecurity: { level: string; basis: string } | null;
  services: Array<{ name: string }>;
  target: { pod: string | null; namespace: string | null; controller: string | null };
}

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'debug-report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** Runs whittle debug --format json; every report must match schema/debug-report.schema.json. */
function json(args: string[], options: Parameters<typeof runCli>[1] = {}): JsonReport {
  const r = runCli(['debug', '--format', 'json', ...args], options);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as unknown;
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  return report as JsonReport;
}

/** The argv sh makes of a printed command line. */
function shParse(line: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

/** A fake kubectl for pod/NAME: logs its arguments and answers get pod / namespace / services from files. */
function fakeKubectl(files: { pod?: string; namespace?: string; services?: string; podError?: string }): { dir: string; log: string } {
  const dir = tempTree({
    'pod.json': files.pod ?? '',
    'namespace.json': files.namespace ?? '',
    'services.json': files.services ?? '',
    kubectl: [
      '#!/bin/sh',
      'here=$(dirname "$0")',
      'echo "$*" >> "$here/args.log"',
      'case "$2" in',
      `  pod) ${files.podError ? `echo '${files.podError}' >&2; exit 1` : 'cat "$here/pod.json"'} ;;`,
      `  namespace) ${files.namespace ? 'cat "$here/namespace.json"' : 'echo "Error from server (Forbidden): namespaces is forbidden" >&2; exit 1'} ;;`,
      `  services) ${files.services ? 'cat "$here/services.json"' : 'echo "{\\"kind\\":\\"List\\",\\"items\\":[]}"'} ;;`,
      'esac',
      '',
    ].join('\n'),
  });
  chmodSync(join(dir, 'kubectl'), 0o755);
  return { dir, log: join(dir, 'args.log') };
}

const LIVE_POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'api-7c9d5-q4k2x',
    namespace: 'shop',
    labels: { app: 'api', 'pod-template-hash': '7c9d5' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-7c9d5', uid: 'u1', controller: true }],
  },
  spec: {
    nodeName: 'node-b2',
    securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532 },
    containers: [{ name: 'api', image: 'gcr.io/distroless/static-debian12:nonroot' }],
  },
  status: { phase: 'Running', containerStatuses: [{ name: 'api', ready: true, state: { running: {} } }] },
});
const RESTRICTED_NS = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
const SERVICES = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' } } }] });

describe('whittle debug (real CLI)', () => {
  it('a distroless Deployment: the ephemeral command with --target, exit 0', () => {
    const r = runCli(['debug', fixture('distroless-deployment.yaml'), '--pod', 'api-7c9d5-q4k2x', '--debug-name', 'debugger-abcde']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.stdout.includes('kubectl debug -n shop api-7c9d5-q4k2x -it --profile=general --image=gcr.io/distroless/static-debian12:debug-nonroot --target=api --container=debugger-abcde\n'),
      r.stdout,
    );
    assert.match(r.stdout, /shell: absent: gcr\.io\/distroless\/static-debian12:nonroot: distroless images ship no shell/);
    assert.match(r.stdout, /\/proc\/1\/root/);
    assert.match(r.stdout, /API: PATCH \/api\/v1\/namespaces\/shop\/pods\/api-7c9d5-q4k2x\/ephemeralcontainers/);
  });

  it('--format json: argv arrays that match the shell lines, a valid ephemeralcontainers patch, warnings', () => {
    const report = json([fixture('restricted-namespace.yaml')]);
    assert.equal(report.profile, 'restricted');
    for (const c of [...report.commands, ...report.alternatives]) assert.deepEqual(shParse(c.shell), c.argv);
    assert.ok(report.ephemeralContainerPatch);
    assert.deepEqual(ephemeralPatchProblems(report.ephemeralContainerPatch.body, ['ledger']), []);
    assert.ok(Array.isArray(report.warnings) && report.warnings.length > 0);
    // The kubectl patch alternative carries the same body, quoted so the shell passes it through intact.
    const patchCmd = report.alternatives.find((a) => a.argv[1] === 'patch')!;
    assert.deepEqual(JSON.parse(patchCmd.argv[patchCmd.argv.indexOf('-p') + 1]!), report.ephemeralContainerPatch.body);
  });

  it('a command after -- reaches the debug container intact, however it is quoted', () => {
    const cmd = ['sh', '-c', `ls -la "/proc/1/root/etc/it's here" && echo $HOME`];
    const r = runCli(['debug', fixture('nonroot-pod.yaml'), '--debug-name', 'debugger-abcde', '--', ...cmd]);
    assert.equal(r.code, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('kubectl debug '))!;
    const argv = shParse(line);
    assert.deepEqual(argv.slice(-4), ['--', ...cmd]);
    const report = json([fixture('nonroot-pod.yaml'), '--', ...cmd]);
    assert.deepEqual((report.ephemeralContainerPatch!.body as { spec: { ephemeralContainers: Array<{ command: string[] }> } }).spec.ephemeralContainers[0]!.command, cmd);
  });

  it('the schema rejects what it should (it is not vacuous)', () => {
    const report = json([fixture('nonroot-pod.yaml')]) as unknown as Record<string, unknown>;
    assert.ok(!validate({ ...report, method: 'magic' }));
    assert.ok(!validate({ ...report, commands: [] }));
    assert.ok(!validate({ ...report, extra: 1 }));
  });

  it('an --image that is not the target container\'s is reported, not silently dropped', async () => {
    const dir = tempTree({});
    await writeOciLayout(join(dir, 'other'), { layers: [[{ path: 'bin/', type: 'dir' }, { path: 'bin/sh', content: 'ELF', mode: 0o755 }]] });
    const source = `oci:${join(dir, 'other')}`;
    const report = json([fixture('nonroot-pod.yaml'), '--image', `other=${source}`]);
    assert.ok(report.warnings.includes(`--image other=${source} is not the image of container worker (registry.example.com/team/worker:2.4.1), so it was not used`), report.warnings.join('\n'));
    // Named after the container, the same image is used: its /bin/sh makes kubectl exec enough.
    assert.equal(json([fixture('nonroot-pod.yaml'), '--image', `worker=${source}`]).method, 'exec');
  });

  it('a shell image: kubectl exec is enough', () => {
    const report = json([fixture('web-with-service.yaml')]);
    assert.equal(report.method, 'exec');
    assert.deepEqual(report.commands[0]!.argv, ['kubectl', 'exec', '-it', '-n', 'storefront', 'web-6d8f7b9c4-x2k8p', '-c', 'nginx', '--', '/bin/sh']);
  });

  it('reads stdin', () => {
    const report = json(['-', '--no-ephemeral', '--receive-traffic', '--container', 'log-shipper', '--goal', 'network'], { input: readFileSync(fixture('web-with-service.yaml'), 'utf8') });
    assert.equal(report.method, 'copy');
    assert.ok(report.commands[0]!.argv.includes('--keep-labels=true'));
    assert.ok(report.warnings.some((w) => w.startsWith('TRAFFIC')));
  });

  it('node/NAME: a node shell with sysadmin', () => {
    const report = json(['node/worker-3']);
    assert.equal(report.method, 'node');
    assert.deepEqual(report.commands[0]!.argv.slice(0, 5), ['kubectl', 'debug', 'node/worker-3', '-it', '--profile=sysadmin']);
  });

  describe('bad input: one line naming the file and position, exit 2', () => {
    const cases: Array<{ name: string; files?: Record<string, string>; args: (dir: string) => string[]; stderr: (dir: string) => RegExp }> = [
      {
        name: 'malformed YAML',
        files: { 'bad.yaml': 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b\n' },
        args: (d) => [join(d, 'bad.yaml')],
        stderr: (d) => new RegExp(`^${esc(join(d, 'bad.yaml'))}:\\d+:\\d+: invalid YAML: `),
      },
      {
        name: 'a container without an image',
        files: { 'noimage.yaml': 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n' },
        args: (d) => [join(d, 'noimage.yaml')],
        stderr: (d) => new RegExp(`^${esc(join(d, 'noimage.yaml'))}:5:7: container a has no image$`),
      },
      {
        name: 'a pod with no containers',
        files: { 'empty.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n' },
        args: (d) => [join(d, 'empty.yaml')],
        stderr: (d) => new RegExp(`^${esc(join(d, 'empty.yaml'))}:2:1: Pod p has no containers to debug$`),
      },
      { name: 'no workload at all', files: { 'svc.yaml': 'kind: Service\nmetadata: {name: s}\n' }, args: (d) => [join(d, 'svc.yaml')], stderr: (d) => new RegExp(`^${esc(join(d, 'svc.yaml'))}: no Pod or workload with a pod template here \\(found Service\\)$`) },
      { name: 'an unknown container', args: () => [fixture('nonroot-pod.yaml'), '--container', 'nope'], stderr: () => /^--container nope: Pod worker-0 has no such container \(it has worker\)$/ },
      { name: 'several workloads and no --workload', files: { 'two.yaml': 'kind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: x, image: y}]}\n---\nkind: Pod\nmetadata: {name: b}\nspec: {containers: [{name: x, image: y}]}\n' }, args: (d) => [join(d, 'two.yaml')], stderr: () => /holds 2 workloads \(Pod\/a, Pod\/b\); choose one with --workload NAME$/ },
      { name: 'a missing file', args: (d) => [join(d, 'nope.yaml')], stderr: (d) => new RegExp(`^${esc(join(d, 'nope.yaml'))}: no such file`) },
      { name: 'a bad --image', args: () => [fixture('nonroot-pod.yaml'), '--image', 'oops'], stderr: () => /^--image expects NAME=SOURCE/ },
      { name: 'an unknown goal', args: () => [fixture('nonroot-pod.yaml'), '--goal', 'vibes'], stderr: () => /^whittle: option '-g, --goal <goal>' argument 'vibes' is invalid/ },
      { name: 'a pod name Kubernetes would refuse', files: { 'p.yaml': 'kind: Pod\nmetadata:\n  name: ../etc\nspec: {containers: [{name: a, image: b}]}\n' }, args: (d) => [join(d, 'p.yaml')], stderr: (d) => new RegExp(`^${esc(join(d, 'p.yaml'))}:3:3: pod name "\\.\\./etc" is not a valid Kubernetes name$`) },
      { name: 'a namespace that would be a kubectl flag', args: () => [fixture('nonroot-pod.yaml'), '-n', '--kubeconfig=/x'], stderr: () => /^--namespace must be a Kubernetes namespace name, got "--kubeconfig=\/x"$/ },
      { name: 'pod/ with an invalid name', args: () => ['pod/Bad_Name'], stderr: () => /^pod\/Bad_Name: "Bad_Name" is not a Kubernetes object name$/ },
      { name: 'a bad --debug-name', args: () => [fixture('nonroot-pod.yaml'), '--debug-name', 'Bad_Name'], stderr: () => /^--debug-name must be a DNS label/ },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const dir = tempTree(c.files ?? {});
        const r = runCli(['debug', ...c.args(dir)]);
        assert.equal(r.code, 2, r.stdout);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr.trim(), c.stderr(dir));
        assertNoStack(r.stderr);
        assert.equal(r.stdout, '');
      });
    }
  });

  describe('pod/NAME through kubectl', () => {
    it('reads the pod, its namespace\'s Pod Security label and its Services', () => {
      const k = fakeKubectl({ pod: LIVE_POD, namespace: RESTRICTED_NS, services: SERVICES });
      const report = json(['pod/api-7c9d5-q4k2x', '-n', 'shop', '--no-ephemeral'], { env: { PATH: `${k.dir}:${process.env.PATH}` } });
      assert.deepEqual(readFileSync(k.log, 'utf8').trim().split('\n'), ['get pod api-7c9d5-q4k2x -n shop -o json', 'get namespace shop -o json', 'get services -n shop -o json']);
      assert.equal(report.target.pod, 'api-7c9d5-q4k2x');
      assert.equal(report.target.controller, 'ReplicaSet api-7c9d5');
      assert.equal(report.profile, 'restricted');
      assert.match(report.podSecurity!.basis, /namespace shop: pod-security\.kubernetes\.io\/enforce=restricted/);
      assert.deepEqual(report.services.map((s) => s.name), ['api']);
      assert.ok(report.commands[0]!.argv.includes('--keep-labels=false'));
    });

    it('a namespace kubectl may not read: a note on stderr, the plan still printed', () => {
      const k = fakeKubectl({ pod: LIVE_POD });
      const r = runCli(['debug', 'pod/api-7c9d5-q4k2x'], { env: { PATH: `${k.dir}:${process.env.PATH}` } });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^note: Pod Security level unknown: kubectl get namespace shop failed: Error from server \(Forbidden\)/);
      assert.match(r.stdout, /kubectl debug -n shop api-7c9d5-q4k2x -it --profile=general/);
    });

    it('kubectl refuses: its error in one line, exit 2', () => {
      const k = fakeKubectl({ podError: 'Error from server (NotFound): pods "gone" not found' });
      const r = runCli(['debug', 'pod/gone'], { env: { PATH: `${k.dir}:${process.env.PATH}` } });
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim(), 'pod/gone: kubectl get pod gone failed: Error from server (NotFound): pods "gone" not found');
    });

    it('no kubectl on PATH: a clear error, exit 2', () => {
      const empty = tempTree({});
      const r = runCli(['debug', 'pod/api'], { env: { PATH: empty } });
      assert.equal(r.code, 2);
      assert.match(r.stderr.trim(), /^pod\/api: kubectl is not on PATH: install it, or save the pod \(kubectl get pod api -o yaml > pod\.yaml\) and run whittle debug pod\.yaml$/);
      assertNoStack(r.stderr);
    });
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
