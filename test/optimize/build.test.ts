/**
 * The Go template's output builds for real: buildah, offline from Docker Hub (the e2e Debian base with golang-go
 * from the Debian archive as the builder, scratch as the runtime), and the binary runs in the image.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baseImageName, e2eStorage, ensureBaseImage, run } from '../helpers/e2e-images.js';
import { expectOptimized, GO_MAIN, GO_NAIVE, optimizeContext } from './helpers.js';

const buildah = (args: string[]): Promise<{ stdout: string; stderr: string }> => run('buildah', [...e2eStorage.buildahArgs, ...args]);

describe('the Go template builds with buildah and runs', { timeout: 30 * 60_000 }, () => {
  it('gives one small layer on scratch whose binary runs as 65532', async () => {
    await ensureBaseImage();
    const catalogue = { go: { builder: { image: baseImageName, install: ['golang-go'] }, runtime: 'scratch' } };
    const naive = GO_NAIVE.replace('FROM debian:bookworm', `FROM ${baseImageName}`);
    const files = { Dockerfile: naive, 'go.mod': 'module example.com/hello\n\ngo 1.19\n', 'main.go': GO_MAIN };
    const { dir, result } = await optimizeContext(files, catalogue, { engine: 'buildah' });
    const optimized = expectOptimized(result);
    writeFileSync(join(dir, 'Dockerfile.optimized'), optimized.dockerfile);
    if (optimized.dockerignore) writeFileSync(join(dir, '.dockerignore'), optimized.dockerignore);

    // Same inputs, same tag: a second run finds the image and skips the build.
    const key = createHash('sha256').update(optimized.dockerfile).update(GO_MAIN).digest('hex').slice(0, 16);
    const tag = `localhost/whittle-test/optimize-go:${key}`;
    const exists = await buildah(['inspect', '--type', 'image', tag]).then(() => true, () => false);
    if (!exists) await buildah(['bud', '--layers', '--isolation', 'chroot', '--pull=never', '-f', join(dir, 'Dockerfile.optimized'), '-t', tag, dir]);

    const info = JSON.parse((await buildah(['inspect', '--type', 'image', tag])).stdout) as {
      OCIv1: { rootfs: { diff_ids: string[] }; config: { User?: string; Entrypoint?: string[]; ExposedPorts?: Record<string, unknown>; Env?: string[]; Labels?: Record<string, string> } };
    };
    assert.equal(info.OCIv1.rootfs.diff_ids.length, 1, 'one layer on top of scratch');
    assert.equal(info.OCIv1.config.User, '65532:65532');
    assert.deepEqual(info.OCIv1.config.Entrypoint, ['/usr/local/bin/hello']);
    assert.ok(info.OCIv1.config.ExposedPorts?.['8080/tcp'] !== undefined, 'port 8080 still exposed');
    assert.ok(info.OCIv1.config.Env?.includes('APP_MODE=production'), 'ENV carried over');
    assert.equal(info.OCIv1.config.Labels?.['org.opencontainers.image.title'], 'hello');

    const container = (await buildah(['from', '--pull-never', tag])).stdout.trim();
    try {
      const out = await buildah(['run', '--isolation', 'chroot', container, '--', '/usr/local/bin/hello', '--version']);
      assert.equal(out.stdout.trim(), 'hello-server 1.0');
      // scratch has no /etc/passwd or certificates: the builder's /rootfs brought them.
      const root = (await buildah(['mount', container])).stdout.trim();
      assert.match(readFileSync(join(root, 'etc/passwd'), 'utf8'), /^nonroot:x:65532:65532:/m);
      assert.ok(readFileSync(join(root, 'etc/ssl/certs/ca-certificates.crt'), 'utf8').includes('BEGIN CERTIFICATE'));
      // What ships: the binary, certificates, passwd, group and /tmp, a few MB in all.
      const size = Number(execFileSync('du', ['-sb', root], { encoding: 'utf8' }).split('\t')[0]);
      assert.ok(size > 1_000_000 && size < 15_000_000, `the image holds ${size} bytes; a stripped Go server is a few MB`);
      await buildah(['umount', container]);
    } finally {
      await buildah(['rm', container]).catch(() => {});
    }
  });
});
