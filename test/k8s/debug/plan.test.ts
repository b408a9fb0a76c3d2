import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { debugContainerName, planDebug } from '../../../src/k8s/debug/plan.js';
import { ADMITTED, EPHEMERAL_SECURITY, GOAL_PROFILE } from '../../../src/k8s/debug/profile.js';
import { GOALS, PSS_LEVELS } from '../../../src/k8s/debug/types.js';
import { debugReport } from '../../../src/k8s/debug/render.js';
import { fixturesDir, repoRoot } from '../../helpers/paths.js';
import { ephemeralPatchProblems, facts, flags, plan, pod, request } from './helpers.js';

const fixture = (name: string): string => readFileSync(join(fixturesDir, 'k8s', 'debug', name), 'utf8');
const SHELL_LESS = facts(['/app/server'], '65532:65532');
const WITH_SHELL = facts(['/bin/sh', '/bin/ls', '/bin/ps', '/app/server']);
const APP = pod(['name: app', 'image: registry.example.com/app:1.0']);

describe('which way to debug', () => {
  const table: Array<{ name: string; text: string; c: Parameters<typeof plan>[1]; method: string; profile?: string }> = [
    { name: 'no shell in the image: ephemeral container', text: APP, c: { facts: SHELL_LESS }, method: 'ephemeral', profile: 'general' },
    { name: 'a shell and the tools: kubectl exec', text: APP, c: { facts: WITH_SHELL }, method: 'exec' },
    { name: 'a shell without ps, goal process: ephemeral', text: APP, c: { facts: facts(['/bin/sh']), goal: 'process' }, method: 'ephemeral', profile: 'general' },
    { name: 'a shell, goal network: ephemeral with netadmin', text: APP, c: { facts: WITH_SHELL, goal: 'network' }, method: 'ephemeral', profile: 'netadmin' },
    { name: 'unknown image: ephemeral (works either way)', text: APP, c: {}, method: 'ephemeral', profile: 'general' },
    { name: '--no-ephemeral: a copy', text: APP, c: { facts: SHELL_LESS, noEphemeral: true }, method: 'copy', profile: 'general' },
    { name: 'static pod mirror: a copy', text: fixture('static-pod.yaml'), c: {}, method: 'copy', profile: 'general' },
    { name: 'goal node: node debugging with sysadmin', text: fixture('web-with-service.yaml'), c: { goal: 'node' }, method: 'node', profile: 'sysadmin' },
    { name: 'goal perf: sysadmin', text: APP, c: { facts: SHELL_LESS, goal: 'perf' }, method: 'ephemeral', profile: 'sysadmin' },
  ];
  for (const row of table) {
    it(row.name, () => {
      const p = plan(row.text, row.c);
      assert.equal(p.method, row.method);
      assert.equal(p.profile, row.profile);
      const first = p.commands[0]!;
      if (row.method === 'exec') {
        assert.deepEqual(first.argv.slice(0, 3), ['kubectl', 'exec', '-it']);
        assert.ok(p.alternatives.some((a) => a.argv[1] === 'debug' && flags(a.argv).has('target')), 'the ephemeral container is offered as an alternative');
      } else {
        assert.equal(first.argv[1], 'debug');
        // Always an explicit profile: kubectl's default changed between versions.
        assert.equal(flags(first.argv).get('profile'), row.profile);
      }
    });
  }
});

describe('profiles against Pod Security', () => {
  it('every goal at every level gets a profile that level admits, and the goal\'s own when it is admitted', () => {
    for (const goal of GOALS.filter((g) => g !== 'node')) {
      for (const level of PSS_LEVELS) {
        const p = plan(APP, { facts: SHELL_LESS, goal, pss: level });
        assert.ok(ADMITTED[level].includes(p.profile!), `${goal} at ${level}: ${p.profile}`);
        const own = ADMITTED[level].includes(GOAL_PROFILE[goal]);
        assert.equal(p.profile === GOAL_PROFILE[goal], own, `${goal} at ${level}`);
        assert.equal(p.warnings.some((w) => w.includes(`Pod Security "${level}" rejects`)), !own);
      }
    }
  });

  it('network under baseline: the baseline profile, and the loss of NET_ADMIN is spelled out', () => {
    const p = plan(APP, { facts: SHELL_LESS, goal: 'network', pss: 'baseline' });
    assert.equal(p.profile, 'baseline');
    assert.ok(p.warnings.some((w) => w.includes('no NET_ADMIN (iptables and route changes fail)')));
    assert.equal(p.patch!.body.spec.ephemeralContainers[0]!.securityContext, undefined, 'baseline adds nothing');
  });

  it('a Namespace in the same input enforcing restricted is read', () => {
    const p = plan(fixture('restricted-namespace.yaml'));
    assert.equal(p.profile, 'restricted');
    assert.ok(p.notes.some((n) => n.includes('Namespace payments') && n.includes('enforce=restricted')));
    const sc = p.patch!.body.spec.ephemeralContainers[0]!.securityContext!;
    for (const [k, v] of Object.entries(EPHEMERAL_SECURITY.restricted!)) assert.deepEqual(sc[k], v, k);
  });
});

describe('the user the debugger runs as (reading /proc/1/root)', () => {
  it('pod-level runAsUser 65532: the debugger inherits it, same user, no --custom', () => {
    for (const pss of [undefined, 'restricted'] as const) {
      const p = plan(fixture('nonroot-pod.yaml'), pss ? { pss } : {});
      assert.equal(p.custom, undefined);
      assert.ok(!p.commands[0]!.argv.some((a) => a.startsWith('--custom')));
      assert.ok(p.commands[0]!.why.some((w) => w.includes('runs as 65532, the same user as worker')));
    }
  });

  it('process and perf goals need the capabilities in effect: root, overriding the pod\'s runAsNonRoot', () => {
    for (const goal of ['process', 'perf'] as const) {
      const p = plan(fixture('nonroot-pod.yaml'), { goal });
      assert.deepEqual(p.custom?.content, { securityContext: { runAsUser: 0, runAsNonRoot: false } }, goal);
      const sc = p.patch!.body.spec.ephemeralContainers[0]!.securityContext!;
      assert.equal(sc.runAsUser, 0);
      assert.equal(sc.runAsNonRoot, false);
    }
    // A root debug image without a pod-level user needs nothing more.
    assert.equal(plan(APP, { facts: SHELL_LESS, goal: 'process' }).custom, undefined);
    // Under restricted the debugger stays non-root: strace is lost, as the downgrade warning says.
    assert.equal(plan(fixture('nonroot-pod.yaml'), { goal: 'process', pss: 'restricted' }).custom, undefined);
  });

  it('restricted namespace, container runs as 10001: --custom with its uid and gid', () => {
    const p = plan(fixture('restricted-namespace.yaml'));
    assert.deepEqual(p.custom, { file: 'whittle-debug-custom.json', content: { securityContext: { runAsUser: 10001, runAsGroup: 10001 } } });
    assert.equal(flags(p.commands[0]!.argv).get('custom'), 'whittle-debug-custom.json');
    const sc = p.patch!.body.spec.ephemeralContainers[0]!.securityContext!;
    assert.equal(sc.runAsUser, 10001);
    assert.equal(sc.runAsNonRoot, true);
  });

  it('container-level user under baseline needs --custom; under general root traces it', () => {
    const text = pod(['name: app', 'image: registry.example.com/app:1.0', 'securityContext: {runAsUser: 10001}']);
    assert.deepEqual(plan(text, { pss: 'baseline' }).custom?.content, { securityContext: { runAsUser: 10001 } });
    const general = plan(text);
    assert.equal(general.custom, undefined);
    assert.ok(general.commands[0]!.why.some((w) => w.includes('runs as root with SYS_PTRACE')));
  });

  it('pod runs as 1000 but the container as 2000: the inherited 1000 cannot trace, so --custom 2000', () => {
    const text = pod(['name: app', 'image: registry.example.com/app:1.0', 'securityContext: {runAsUser: 2000}'], ['securityContext: {runAsUser: 1000}']);
    assert.deepEqual(plan(text).custom?.content, { securityContext: { runAsUser: 2000 } });
  });

  it('the image USER read with --image counts; unknown users under restricted get a flagged guess', () => {
    const p = plan(APP, { facts: SHELL_LESS, pss: 'baseline' });
    assert.deepEqual(p.custom?.content, { securityContext: { runAsUser: 65532, runAsGroup: 65532 } });
    const guess = plan(APP, { pss: 'restricted' });
    assert.equal((guess.custom?.content.securityContext as { runAsUser: number }).runAsUser, 65532);
    assert.ok(guess.warnings.some((w) => w.includes('(a guess)')));
  });
});

describe('process namespace and file system', () => {
  it('--target unless the pod already shares its process namespace', () => {
    const shared = plan(pod(['name: app', 'image: registry.example.com/app:1.0'], ['shareProcessNamespace: true']), { facts: SHELL_LESS });
    assert.ok(!flags(shared.commands[0]!.argv).has('target'));
    assert.equal(shared.patch!.body.spec.ephemeralContainers[0]!.targetContainerName, undefined);
    assert.match(shared.filesystem!, /pause process.*\/proc\/PID\/root/);
    const own = plan(APP, { facts: SHELL_LESS });
    assert.equal(flags(own.commands[0]!.argv).get('target'), 'app');
    assert.match(own.filesystem!, /\/proc\/1\/root/);
  });

  it('distroless :nonroot: the :debug-nonroot variant, whose 65532 matches the target', () => {
    const p = plan(fixture('distroless-deployment.yaml'), { pod: 'api-7c9d-abcde' });
    assert.equal(p.debugImage.image, 'gcr.io/distroless/static-debian12:debug-nonroot');
    assert.equal(p.commands[0]!.argv[4], 'api-7c9d-abcde');
    assert.ok(p.commands[0]!.why.some((w) => w.includes('same user as api')));
    assert.equal(p.warnings.length, 0, p.warnings.join('\n'));
  });

  it('a Deployment without --pod: POD_NAME and how to find one', () => {
    const p = plan(fixture('distroless-deployment.yaml'));
    assert.ok(p.commands[0]!.argv.includes('POD_NAME'));
    assert.match(p.placeholders[0]!.how, /kubectl get pods -n shop -l app=api,team=checkout/);
  });
});

describe('a copy and its labels', () => {
  const web = fixture('web-with-service.yaml');
  it('Service selects the pod: --keep-labels=false written out, and why', () => {
    const p = plan(web, { noEphemeral: true, facts: SHELL_LESS });
    const f = flags(p.commands[0]!.argv);
    assert.equal(f.get('keep-labels'), 'false');
    assert.equal(f.get('share-processes'), 'true');
    assert.equal(f.get('copy-to'), 'web-6d8f7b9c4-x2k8p-debug');
    assert.ok(p.commands[0]!.why.some((w) => w.includes('leaves Service web')));
    assert.ok(!p.warnings.some((w) => w.startsWith('TRAFFIC')));
    assert.equal(p.patch, undefined, 'no ephemeral container is on offer');
    assert.deepEqual(p.commands.at(-1)!.argv, ['kubectl', 'delete', 'pod', '-n', 'storefront', 'web-6d8f7b9c4-x2k8p-debug']);
  });

  it('--receive-traffic: --keep-labels=true with a traffic warning and the ReplicaSet adoption fix', () => {
    const p = plan(web, { noEphemeral: true, receiveTraffic: true, facts: SHELL_LESS });
    assert.equal(flags(p.commands[0]!.argv).get('keep-labels'), 'true');
    assert.ok(p.warnings.some((w) => w.startsWith('TRAFFIC') && w.includes('Service web')));
    assert.ok(p.warnings.some((w) => w.includes('ReplicaSet web-6d8f7b9c4')));
    assert.ok(p.commands.some((c) => c.argv.join(' ') === 'kubectl label pod -n storefront web-6d8f7b9c4-x2k8p-debug pod-template-hash-'));
  });

  it('network goal on a copy: labels back except the Service\'s and the controller\'s', () => {
    const p = plan(web, { noEphemeral: true, goal: 'network' });
    const label = p.commands.find((c) => c.argv[1] === 'label')!;
    assert.deepEqual(label.argv.slice(-1), ['version=1.27']);
    assert.equal(flags(p.commands[0]!.argv).get('keep-labels'), 'false');
  });

  it('no Service selects the pod: no --keep-labels at all', () => {
    const p = plan(APP, { facts: SHELL_LESS, noEphemeral: true });
    assert.ok(!flags(p.commands[0]!.argv).has('keep-labels'));
  });

  it('a crash-looping container with a shell: the copy runs a shell in its place', () => {
    const text = `${fixture('web-with-service.yaml').replace('state: { running: { startedAt: "2026-12-01T10:00:00Z" } }', 'state: { waiting: { reason: CrashLoopBackOff } }')}`;
    const p = plan(text);
    assert.equal(p.method, 'copy');
    const argv = p.commands[0]!.argv;
    assert.equal(flags(argv).get('container'), 'nginx');
    assert.deepEqual(argv.slice(-2), ['--', '/bin/sh']);
    assert.ok(!flags(argv).has('image'));
  });

  it('a finished pod: a copy, and no ephemeral container on offer', () => {
    const text = pod(['name: app', 'image: registry.example.com/app:1.0']).replace('spec:', 'status: {phase: Failed}\nspec:');
    const p = plan(text, { facts: SHELL_LESS });
    assert.equal(p.method, 'copy');
    assert.ok(p.warnings.some((w) => w.includes('phase Failed')));
    assert.equal(p.patch, undefined);
    assert.deepEqual(plan(text, { facts: WITH_SHELL }).commands[0]!.argv.slice(-2), ['--', '/bin/sh']);
  });

  it('a static pod copy stays on its node', () => {
    assert.ok(flags(plan(fixture('static-pod.yaml')).commands[0]!.argv).has('same-node'));
  });
});

describe('node debugging', () => {
  it('node from spec.nodeName, sysadmin, chroot /host', () => {
    const p = plan(fixture('web-with-service.yaml'), { goal: 'node' });
    assert.deepEqual(p.commands[0]!.argv.slice(0, 5), ['kubectl', 'debug', 'node/node-a7', '-it', '--profile=sysadmin']);
    assert.match(p.filesystem!, /chroot \/host/);
    assert.equal(p.patch, undefined);
  });

  it('no nodeName: NODE_NAME placeholder; a restricted namespace is warned about', () => {
    const p = plan(fixture('restricted-namespace.yaml'), { goal: 'node' });
    assert.ok(p.commands[0]!.argv.includes('node/NODE_NAME'));
    assert.ok(p.warnings.some((w) => w.includes('Pod Security "restricted" refuses')));
  });
});

describe('the ephemeralcontainers patch', () => {
  it('is a valid EphemeralContainer for every goal, level and user situation', () => {
    const texts = [APP, fixture('nonroot-pod.yaml'), fixture('restricted-namespace.yaml'), fixture('web-with-service.yaml'), pod(['name: app', 'image: a:1'], ['shareProcessNamespace: true'])];
    let checked = 0;
    for (const text of texts) {
      for (const goal of GOALS.filter((g) => g !== 'node')) {
        for (const pss of PSS_LEVELS) {
          const req = request(text, { goal, pss, command: ['sh', '-c', 'ls /proc/1/root'] });
          const p = planDebug(req);
          if (!p.patch) continue;
          assert.deepEqual(ephemeralPatchProblems(p.patch.body, req.target.containerNames), [], `${goal}/${pss}`);
          assert.equal(p.patch.path, `/api/v1/namespaces/${req.target.namespace}/pods/${req.target.podName}/ephemeralcontainers`);
          assert.deepEqual(p.patch.body.spec.ephemeralContainers[0]!.command, ['sh', '-c', 'ls /proc/1/root']);
          checked++;
        }
      }
    }
    assert.ok(checked >= 60, `checked ${checked}`);
  });

  it('the validator rejects what the API would', () => {
    const good = { spec: { ephemeralContainers: [{ name: 'debugger-x', image: 'busybox:1.36', stdin: true, tty: true }] } };
    assert.deepEqual(ephemeralPatchProblems(good, ['app']), []);
    const bad = { spec: { ephemeralContainers: [{ name: 'app', image: 'busybox', ports: [{ containerPort: 80 }], securityContext: { runAsUser: -1, capabilities: { add: ['sys_ptrace'] } } }] } };
    assert.equal(ephemeralPatchProblems(bad, ['app']).length, 4);
  });
});

describe('debug container names', () => {
  it('the pod\'s ephemeral containers count as taken names', () => {
    const text = pod(['name: app', 'image: a:1'], ['ephemeralContainers: [{name: debugger-old, image: busybox}]']);
    assert.deepEqual(request(text).target.containerNames, ['app', 'debugger-old']);
  });

  it('debugger-XXXXX, never one the pod already has', () => {
    const seq = [0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5];
    let i = 0;
    const name = debugContainerName(['debugger-bbbbb'], () => seq[i++]!);
    assert.match(name, /^debugger-[a-z0-9]{5}$/);
    assert.notEqual(name, 'debugger-bbbbb');
  });
});

describe('the JSON report', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'debug-report.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  it('matches schema/debug-report.schema.json for every fixture, goal, level and copy situation', () => {
    let n = 0;
    for (const f of ['distroless-deployment.yaml', 'nonroot-pod.yaml', 'restricted-namespace.yaml', 'web-with-service.yaml', 'static-pod.yaml']) {
      for (const goal of GOALS) {
        for (const c of [{}, { pss: 'baseline' as const }, { noEphemeral: true, receiveTraffic: true, facts: SHELL_LESS }, { facts: WITH_SHELL, command: ['ls', '-la'] }]) {
          const req = request(fixture(f), { goal, ...c });
          const report = JSON.parse(JSON.stringify(debugReport(req, planDebug(req)))) as unknown;
          assert.ok(validate(report), `${f} ${goal} ${JSON.stringify(c)}: ${JSON.stringify(validate.errors)}`);
          n++;
        }
      }
    }
    assert.equal(n, 120);
  });
});
