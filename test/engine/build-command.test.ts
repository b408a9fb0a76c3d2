/** The engine command lines and the parsing of their progress output (pure parts of the adapters). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCommand, parseBuildahSteps, parseBuildkitSteps, stepMakesLayer } from '../../src/engine/build.js';
import { benchStorage, defaultStorageDriver, engineImageRef, storageArgs } from '../../src/engine/storage.js';
import type { Engine } from '../../src/engine/types.js';

const storage = benchStorage('/s/root', '/s/run', 'vfs');
const buildah: Engine = { name: 'buildah', program: 'buildah', version: '1', globalArgs: storageArgs(storage), storage };
const podman: Engine = { ...buildah, name: 'podman', program: 'podman' };
const docker: Engine = { name: 'docker', program: 'docker', version: '27', globalArgs: [] };
const opts = { dockerfile: '/c/Dockerfile', context: '/c', tag: 'localhost/x:latest', buildArgs: { A: '1=2' } };

describe('buildCommand', () => {
  it('buildah: storage flags, bud --layers, chroot isolation, pull policy, no-cache, build args, context last', () => {
    const { args } = buildCommand(buildah, { ...opts, noCache: true, pull: 'never' }, '/tmp/iid');
    assert.deepEqual(args, [
      '--storage-driver', 'vfs', '--root', '/s/root', '--runroot', '/s/run',
      'bud', '--layers', '--force-rm', '--isolation', 'chroot', '--pull=never',
      '-t', 'localhost/x:latest', '-f', '/c/Dockerfile', '--iidfile', '/tmp/iid', '--no-cache', '--build-arg', 'A=1=2', '/c',
    ]);
  });

  it('podman uses build and defaults to pull=missing', () => {
    const { args } = buildCommand(podman, opts, '/tmp/iid');
    assert.equal(args[6], 'build');
    assert.ok(args.includes('--pull=missing'));
    assert.ok(!args.includes('--no-cache'));
  });

  it('docker: BuildKit on, plain progress (for the cache lines), --pull only for always', () => {
    const cmd = buildCommand(docker, { ...opts, pull: 'always' }, '/tmp/iid');
    assert.equal(cmd.env.DOCKER_BUILDKIT, '1');
    assert.deepEqual(cmd.args.slice(0, 4), ['build', '--progress', 'plain', '--pull']);
    assert.ok(!buildCommand(docker, { ...opts, pull: 'missing' }, '/i').args.includes('--pull'));
  });
});

describe('build step parsing', () => {
  it('buildah: STEP lines, `--> Using cache` marks the step before it', () => {
    const log = [
      'STEP 1/4: FROM localhost/whittle-test/debian:bookworm',
      'STEP 2/4: RUN head -c 100 /dev/urandom > /big',
      '--> Using cache 524d160767491c99f4f8b5cf6727337cb8ed925e5a1c858f0837bbb870b6c2ff',
      'STEP 3/4: COPY a.txt /a.txt',
      'STEP 4/4: CMD ["cat","/a.txt"]',
      'COMMIT localhost/x',
    ].join('\n');
    const steps = parseBuildahSteps(log);
    assert.deepEqual(steps.map((s) => s.cached), [false, true, false, false]);
    assert.deepEqual(steps.filter(stepMakesLayer).map((s) => s.instruction.split(' ')[0]), ['RUN', 'COPY']);
  });

  it('buildah multi-stage: `[stage/stages] STEP n/m` lines count too', () => {
    const log = ['[1/2] STEP 1/3: FROM golang AS build', '[1/2] STEP 2/3: RUN go mod download', '--> Using cache 1f2e', '[1/2] STEP 3/3: COPY . .', '[2/2] STEP 1/2: FROM scratch', '[2/2] STEP 2/2: COPY --from=build /app /app'].join('\n');
    const steps = parseBuildahSteps(log);
    assert.equal(steps.length, 5);
    assert.deepEqual(steps.filter(stepMakesLayer).map((s) => s.cached), [true, false, false]);
  });

  it('BuildKit plain progress: `#N CACHED` marks step N', () => {
    const log = [
      '#4 [1/3] FROM docker.io/library/debian:bookworm@sha256:abc',
      '#4 DONE 0.0s',
      '#5 [2/3] RUN apt-get update',
      '#5 CACHED',
      '#6 [3/3] COPY app.py /app/',
      '#6 DONE 0.1s',
    ].join('\n');
    const steps = parseBuildkitSteps(log);
    assert.deepEqual(steps.map((s) => [s.instruction.split(' ')[0], s.cached]), [['FROM', false], ['RUN', true], ['COPY', false]]);
  });
});

describe('storage', () => {
  it('defaults under /var/tmp/whittle-bench, one root per driver; a given root gets ROOT.run', () => {
    assert.deepEqual(benchStorage(undefined, undefined, 'vfs'), { root: '/var/tmp/whittle-bench/storage', runroot: '/var/tmp/whittle-bench/runroot', driver: 'vfs' });
    assert.deepEqual(benchStorage(undefined, undefined, 'overlay'), {
      root: '/var/tmp/whittle-bench/storage-overlay',
      runroot: '/var/tmp/whittle-bench/runroot-overlay',
      driver: 'overlay',
    });
    assert.equal(benchStorage().driver, defaultStorageDriver());
    assert.equal(benchStorage('/x/store/').runroot, '/x/store.run');
  });

  it('skopeo references name the storage explicitly', () => {
    assert.equal(engineImageRef(buildah, 'localhost/x:latest'), 'containers-storage:[vfs@/s/root+/s/run]localhost/x:latest');
    assert.equal(engineImageRef(docker, 'localhost/x'), 'docker-daemon:localhost/x:latest');
  });
});
