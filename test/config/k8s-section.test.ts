/** The `k8s:` section of .whittle.yaml: every key, the defaults it takes from lint, and errors with positions. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, resolveImageSource } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-k8s-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function load(yaml: string, extra: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof loadConfig>> & { dir: string }> {
  const dir = tree({ '.whittle.yaml': yaml, ...extra });
  return { ...(await loadConfig({ startDir: dir, cwd: dir })), dir };
}

async function configError(yaml: string): Promise<string> {
  const dir = tree({ '.whittle.yaml': yaml });
  try {
    await loadConfig({ startDir: dir, cwd: dir });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.format();
  }
  assert.fail('expected a ConfigError');
}

describe('.whittle.yaml k8s section', () => {
  it('reads ignored, override (ids, aliases, hadolint layout, off), failureThreshold, allowedRegistries and images', async () => {
    const c = await load(`k8s:
  ignored: [seccomp-profile]
  override:
    pod-probes: info
    liveness-probe-missing: error
    warning: [startup-probe-missing]
    host-network: off
  failureThreshold: warning
  allowedRegistries: [registry.corp.example, "ghcr.io/acme/*"]
  images:
    web: oci:./build/web-layout
    registry.example.com/api: registry.example.com/api:2.0.0
`);
    assert.deepEqual(c.k8s.ignored, ['seccomp-profile']);
    assert.deepEqual(c.k8s.severityOverrides, { 'pod-probes': 'info', 'liveness-probe-missing': 'error', 'startup-probe-missing': 'warning', 'host-network': 'off' });
    assert.equal(c.k8s.failureThreshold, 'warning');
    assert.deepEqual(c.k8s.allowedRegistries, ['registry.corp.example', 'ghcr.io/acme/*']);
    assert.deepEqual(c.k8s.images, { web: `oci:${join(c.dir, 'build/web-layout')}`, 'registry.example.com/api': 'registry.example.com/api:2.0.0' });
  });

  it('failureThreshold none; an empty section; the lint section is untouched by it', async () => {
    assert.equal((await load('k8s:\n  failureThreshold: none\n')).k8s.failureThreshold, 'none');
    assert.deepEqual((await load('k8s:\n')).k8s, {});
    const both = await load('lint:\n  trustedRegistries: [registry.corp]\nk8s:\n  ignored: [seccomp-profile]\n');
    assert.deepEqual(both.lint.trustedRegistries, ['registry.corp']);
    assert.deepEqual(both.lint.ignored, []);
  });

  it('image sources: paths relative to the config file, registry references and absolute paths kept', () => {
    const dir = tree({ 'app.tar': 'x' });
    assert.equal(resolveImageSource('oci:layout:v1', '/repo'), 'oci:/repo/layout:v1');
    assert.equal(resolveImageSource('oci:/abs/layout', '/repo'), 'oci:/abs/layout');
    assert.equal(resolveImageSource('docker-archive:../img.tar', '/repo/k8s'), 'docker-archive:/repo/img.tar');
    assert.equal(resolveImageSource('oci-archive:a.tar', '/repo'), 'oci-archive:/repo/a.tar');
    assert.equal(resolveImageSource('./layout', '/repo'), '/repo/layout');
    assert.equal(resolveImageSource('app.tar', dir), join(dir, 'app.tar'));
    assert.equal(resolveImageSource('registry.example.com/team/app:1.2', dir), 'registry.example.com/team/app:1.2');
    assert.equal(resolveImageSource('docker://alpine:3.20', dir), 'docker://alpine:3.20');
    assert.equal(resolveImageSource('alpine', dir), 'alpine');
  });

  it('errors name file, line and column', async () => {
    assert.equal(await configError('k8s:\n  ignore: [x]\n'), '.whittle.yaml:2:3: unknown key "ignore" in k8s (expected one of: ignored, override, failureThreshold, allowedRegistries, images)');
    assert.equal(await configError('k8s:\n  ignored:\n    - seccomp-profile\n    - no-such-check\n'), '.whittle.yaml:4:7: unknown check "no-such-check" in k8s.ignored');
    // A Dockerfile rule is no k8s check.
    assert.equal(await configError('k8s:\n  ignored: [DL3008]\n'), '.whittle.yaml:2:13: unknown check "DL3008" in k8s.ignored');
    assert.equal(await configError('k8s:\n  override:\n    nope: error\n'), '.whittle.yaml:3:5: unknown check "nope" in k8s.override');
    assert.equal(await configError('k8s:\n  override:\n    warning: [nope]\n'), '.whittle.yaml:3:15: unknown check "nope" in k8s.override.warning');
    assert.equal(await configError('k8s:\n  override:\n    seccomp-profile: loud\n'), '.whittle.yaml:3:22: k8s.override.seccomp-profile must be one of error, warning, info, style, off, not "loud"');
    assert.equal(await configError('k8s:\n  failureThreshold: fatal\n'), '.whittle.yaml:2:21: k8s.failureThreshold must be one of error, warning, info, style, none, not "fatal"');
    assert.equal(await configError('k8s:\n  allowedRegistries: {a: 1}\n'), '.whittle.yaml:2:22: k8s.allowedRegistries must be a list of strings');
    assert.equal(await configError('k8s:\n  allowedRegistries: ["  "]\n'), '.whittle.yaml:2:23: each item of k8s.allowedRegistries must name a registry or an image pattern');
    assert.equal(await configError('k8s:\n  images: [oci:x]\n'), '.whittle.yaml:2:11: k8s.images must be a mapping');
    assert.equal(await configError('k8s:\n  images:\n    web: ""\n'), '.whittle.yaml:3:10: k8s.images.web must name an image source (oci:DIR, docker-archive:FILE, a registry reference ...)');
    assert.equal(await configError('k8s:\n  images:\n    web: [a]\n'), '.whittle.yaml:3:10: k8s.images.web must be a string');
    assert.equal(await configError('k8s: true\n'), '.whittle.yaml:1:6: k8s must be a mapping');
  });

  it('a .hadolint.yaml gives no k8s section (its trustedRegistries stay lint settings)', async () => {
    const dir = tree({ '.hadolint.yaml': 'trustedRegistries: [registry.corp]\n' });
    const c = await loadConfig({ startDir: dir, cwd: dir });
    assert.deepEqual(c.k8s, {});
    assert.deepEqual(c.lint.trustedRegistries, ['registry.corp']);
  });
});
