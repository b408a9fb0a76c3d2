import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPlatform, hostPlatform, parsePlatform, platformMatches, selectFromIndex } from '../../src/image/platform.js';
import type { Descriptor, Index } from '../../src/image/types.js';

const d = (n: number, platform?: Descriptor['platform'], annotations?: Record<string, string>): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100,
  ...(platform ? { platform } : {}),
  ...(annotations ? { annotations } : {}),
});

describe('platforms', () => {
  it('parses os/arch[/variant] and refuses the rest', () => {
    assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(parsePlatform('linux/amd64'), { os: 'linux', architecture: 'amd64' });
    assert.throws(() => parsePlatform('amd64'), /invalid platform "amd64"/);
    assert.throws(() => parsePlatform('linux/amd64/v1/x'), /invalid platform/);
  });

  it('describes the host as linux on its CPU', () => {
    const host = hostPlatform();
    assert.equal(host.os, 'linux');
    assert.ok(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64'].includes(host.architecture), host.architecture);
  });

  it('matches variants the way containerd normalises them', () => {
    assert.ok(platformMatches({ os: 'linux', architecture: 'arm64', variant: 'v8' }, { os: 'linux', architecture: 'arm64' }));
    assert.ok(platformMatches({ os: 'linux', architecture: 'arm', variant: 'v7' }, { os: 'linux', architecture: 'arm' }));
    assert.ok(!platformMatches({ os: 'linux', architecture: 'arm', variant: 'v6' }, { os: 'linux', architecture: 'arm', variant: 'v7' }));
    assert.ok(platformMatches({ os: 'linux', architecture: 'arm' }, { os: 'linux', architecture: 'arm', variant: 'v6' }));
    assert.ok(!platformMatches({ os: 'linux', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64' }));
  });

  const index: Index = {
    schemaVersion: 2,
    manifests: [
      d(1, { os: 'linux', architecture: 'amd64' }),
      d(2, { os: 'unknown', architecture: 'unknown' }, { 'vnd.docker.reference.type': 'attestation-manifest' }),
      d(3, { os: 'linux', architecture: 'arm', variant: 'v6' }),
      d(4, { os: 'linux', architecture: 'arm', variant: 'v7' }),
      d(5, { os: 'linux', architecture: 'arm64', variant: 'v8' }),
    ],
  };

  it('selects the manifest for a platform, skipping attestations', () => {
    assert.equal(selectFromIndex(index, parsePlatform('linux/amd64'), true, 'i').digest, index.manifests[0]!.digest);
    assert.equal(selectFromIndex(index, parsePlatform('linux/arm/v7'), true, 'i').digest, index.manifests[3]!.digest);
    assert.equal(selectFromIndex(index, parsePlatform('linux/arm64'), true, 'i').digest, index.manifests[4]!.digest);
  });

  it('names the available platforms when none matches', () => {
    assert.throws(
      () => selectFromIndex(index, parsePlatform('linux/s390x'), true, 'manifest x'),
      /manifest x: no image for platform linux\/s390x \(available: linux\/amd64, linux\/arm\/v6, linux\/arm\/v7, linux\/arm64\/v8\)/,
    );
  });

  it('takes the only image when no platform was asked for, but not when one was', () => {
    const single: Index = { schemaVersion: 2, manifests: [d(7, { os: 'linux', architecture: 'riscv64' }), d(8, { os: 'unknown', architecture: 'unknown' })] };
    assert.equal(selectFromIndex(single, parsePlatform('linux/amd64'), false, 'i').digest, single.manifests[0]!.digest);
    assert.throws(() => selectFromIndex(single, parsePlatform('linux/amd64'), true, 'i'), /no image for platform/);
    assert.equal(formatPlatform(undefined), 'unknown');
  });
});
