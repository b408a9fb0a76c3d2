/** Finding, reading and validating .whittle.yaml and .hadolint.yaml. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { parseSize } from '../../src/config/sizes.js';
import { ConfigError } from '../../src/core/errors.js';

const KNOWN = new Set(['apt-pin-versions', 'dl3008', 'exec-form-cmd', 'dl3025', 'label-schema']);
const ruleExists = (id: string): boolean => KNOWN.has(id.toLowerCase());

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function load(dir: string, startDir = dir, explicitPath?: string): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  return loadConfig({ startDir, cwd: dir, ruleExists, ...(explicitPath ? { explicitPath } : {}) });
}

async function configError(files: Record<string, string>): Promise<string> {
  const dir = tree(files);
  try {
    await load(dir);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.format();
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig: finding the file', () => {
  it('returns the defaults and file null when there is no config', async () => {
    const c = await load(tree({ 'Dockerfile': 'FROM x\n' }));
    assert.equal(c.file, null);
    assert.equal(c.lint.failureThreshold, 'info');
    assert.deepEqual(c.lint.ignored, []);
    assert.deepEqual(c.inspect, {});
  });

  it('finds .whittle.yaml in the Dockerfile folder first, then the folders above it', async () => {
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.whittle.yaml': 'lint:\n  failureThreshold: error\n',
      'svc/a/.whittle.yml': 'lint:\n  failureThreshold: style\n',
      'svc/b/Dockerfile': 'FROM x\n',
    });
    assert.equal((await load(dir, join(dir, 'svc/a'))).lint.failureThreshold, 'style');
    const up = await load(dir, join(dir, 'svc/b'));
    assert.equal(up.file, join(dir, '.whittle.yaml'));
    assert.equal(up.lint.failureThreshold, 'error');
  });

  it('stops at the git root, then falls back to the current folder', async () => {
    const outer = tree({ '.whittle.yaml': 'lint:\n  failureThreshold: error\n', 'repo/.git/HEAD': 'x\n', 'repo/app/Dockerfile': 'FROM x\n' });
    const c = await loadConfig({ startDir: join(outer, 'repo/app'), cwd: join(outer, 'repo'), ruleExists });
    assert.equal(c.file, null, 'the config above the git root is not used');
    const fromCwd = await loadConfig({ startDir: join(outer, 'repo/app'), cwd: outer, ruleExists });
    assert.equal(fromCwd.file, join(outer, '.whittle.yaml'));
  });

  it('prefers .whittle.yaml anywhere on the path over .hadolint.yaml', async () => {
    const dir = tree({ '.whittle.yaml': 'lint: {}\n', 'app/.hadolint.yaml': 'ignored: [DL3008]\n' });
    assert.equal((await load(dir, join(dir, 'app'))).file, join(dir, '.whittle.yaml'));
  });

  it('--config names the file; a missing one is an error', async () => {
    const dir = tree({ 'ci/lint.yaml': 'lint:\n  ignored: [apt-pin-versions]\n' });
    assert.deepEqual((await load(dir, dir, join(dir, 'ci/lint.yaml'))).lint.ignored, ['apt-pin-versions']);
    await assert.rejects(load(dir, dir, join(dir, 'nope.yaml')), (err: ConfigError) => /config file not found/.test(err.format()));
  });
});

describe('loadConfig: .whittle.yaml', () => {
  it('reads every lint setting', async () => {
    const c = await load(
      tree({
        '.whittle.yaml': `lint:
  ignored: [DL3008]
  override:
    exec-form-cmd: error
    apt-pin-versions: off
  failureThreshold: warning
  trustedRegistries: [registry.corp]
  allowedBaseImages: ["registry.corp/base/*"]
  labelSchema:
    maintainer: email
    org.opencontainers.image.source: url
  strictLabels: true
  buildArgs:
    PYTHON_VERSION: "3.12"
  disableIgnorePragma: true
`,
      }),
    );
    assert.deepEqual(c.lint.ignored, ['DL3008']);
    assert.deepEqual(c.lint.severityOverrides, { 'exec-form-cmd': 'error', 'apt-pin-versions': 'off' });
    assert.equal(c.lint.failureThreshold, 'warning');
    assert.deepEqual(c.lint.trustedRegistries, ['registry.corp']);
    assert.deepEqual(c.lint.allowedBaseImages, ['registry.corp/base/*']);
    assert.deepEqual(c.lint.labelSchema, { maintainer: 'email', 'org.opencontainers.image.source': 'url' });
    assert.equal(c.lint.strictLabels, true);
    assert.deepEqual(c.lint.buildArgs, { PYTHON_VERSION: '3.12' });
    assert.equal(c.lint.disableIgnorePragma, true);
  });

  it('accepts hadolint-style override lists and failureThreshold none', async () => {
    const c = await load(tree({ '.whittle.yaml': 'lint:\n  override:\n    warning: [DL3025]\n  failureThreshold: none\n' }));
    assert.deepEqual(c.lint.severityOverrides, { DL3025: 'warning' });
    assert.equal(c.lint.noFail, true);
  });

  it('reads the inspect budgets with sizes in any unit, and keeps bases raw', async () => {
    const c = await load(
      tree({
        '.whittle.yaml': 'inspect:\n  maxSize: 200MB\n  maxLayers: 12\n  minEfficiency: 0.95\n  maxWasted: 1.5MiB\n  forbidRoot: true\n  forbidShell: false\nbases:\n  python:\n    runtime: python:3.12-slim\n',
      }),
    );
    assert.deepEqual(c.inspect, { maxSize: 200_000_000, maxLayers: 12, minEfficiency: 0.95, maxWasted: 1_572_864, forbidRoot: true, forbidShell: false });
    assert.deepEqual(c.bases, { python: { runtime: 'python:3.12-slim' } });
  });
});

describe('loadConfig: errors name file, line and column', () => {
  it('unknown top-level and section keys', async () => {
    assert.equal(await configError({ '.whittle.yaml': 'lint: {}\nlnit:\n  ignored: []\n' }), '.whittle.yaml:2:1: unknown key "lnit" in the config file (expected one of: lint, inspect, k8s, bases)');
    assert.match(await configError({ '.whittle.yaml': 'inspect:\n  maxsize: 10MB\n' }), /^\.whittle\.yaml:2:3: unknown key "maxsize" in inspect/);
  });

  it('unknown rule ids, in lists and as override keys', async () => {
    assert.equal(await configError({ '.whittle.yaml': 'lint:\n  ignored:\n    - DL3008\n    - DL9999\n' }), '.whittle.yaml:4:7: unknown rule "DL9999" in lint.ignored');
    assert.equal(await configError({ '.whittle.yaml': 'lint:\n  override:\n    no-such: error\n' }), '.whittle.yaml:3:5: unknown rule "no-such" in lint.override');
  });

  it('bad severities and wrong types', async () => {
    assert.equal(
      await configError({ '.whittle.yaml': 'lint:\n  failureThreshold: fatal\n' }),
      '.whittle.yaml:2:21: lint.failureThreshold must be one of error, warning, info, style, none, not "fatal"',
    );
    assert.equal(await configError({ '.whittle.yaml': 'lint:\n  override:\n    DL3008: loud\n' }), '.whittle.yaml:3:13: lint.override.DL3008 must be one of error, warning, info, style, off, not "loud"');
    assert.equal(await configError({ '.whittle.yaml': 'lint:\n  strictLabels: "yes"\n' }), '.whittle.yaml:2:17: lint.strictLabels must be true or false');
    assert.equal(await configError({ '.whittle.yaml': 'lint:\n  ignored: {a: 1}\n' }), '.whittle.yaml:2:12: lint.ignored must be a list of strings');
    assert.equal(await configError({ '.whittle.yaml': 'lint: [1, 2]\n' }), '.whittle.yaml:1:7: lint must be a mapping');
    assert.equal(await configError({ '.whittle.yaml': 'inspect:\n  maxSize: huge\n' }), '.whittle.yaml:2:12: inspect.maxSize must be a size like 200MB, 1.5GiB or a byte count');
    assert.equal(await configError({ '.whittle.yaml': 'inspect:\n  minEfficiency: 95\n' }), '.whittle.yaml:2:18: inspect.minEfficiency must be between 0 and 1 (0.95 means 95%)');
    assert.match(await configError({ '.whittle.yaml': 'lint:\n  labelSchema:\n    maintainer: phone\n' }), /^\.whittle\.yaml:3:17: lint\.labelSchema\.maintainer must be one of text, url/);
  });

  it('YAML syntax errors and duplicate keys', async () => {
    assert.match(await configError({ '.whittle.yaml': 'lint:\n  ignored: [a, b\n' }), /^\.whittle\.yaml:\d+:\d+: invalid YAML: /);
    assert.match(await configError({ '.whittle.yaml': 'lint: {}\nlint: {}\n' }), /^\.whittle\.yaml:2:1: invalid YAML: .*unique/i);
  });
});

describe('loadConfig: .hadolint.yaml', () => {
  it('maps ignored, override, trustedRegistries, label-schema, strict-labels, failure-threshold, disable-ignore-pragma', async () => {
    const c = await load(
      tree({
        '.hadolint.yaml': `ignored:
  - DL3008
  - DL3059
override:
  error:
    - DL3025
  info: [DL3008]
trustedRegistries:
  - docker.io
  - my-company.com:5000
label-schema:
  author: text
  version: semver
strict-labels: true
failure-threshold: warning
disable-ignore-pragma: true
format: tty
no-color: true
`,
      }),
    );
    assert.match(c.file!, /\.hadolint\.yaml$/);
    assert.deepEqual(c.lint.ignored, ['DL3008'], 'codes whittle has no rule for are dropped');
    assert.deepEqual(c.lint.severityOverrides, { DL3025: 'error', DL3008: 'info' });
    assert.deepEqual(c.lint.trustedRegistries, ['docker.io', 'my-company.com:5000']);
    assert.deepEqual(c.lint.labelSchema, { author: 'text', version: 'semver' });
    assert.equal(c.lint.strictLabels, true);
    assert.equal(c.lint.failureThreshold, 'warning');
    assert.equal(c.lint.disableIgnorePragma, true);
    assert.equal(c.lint.noFail, false);
  });

  it('maps no-fail, and reports unknown keys with their position', async () => {
    assert.equal((await load(tree({ '.hadolint.yml': 'no-fail: true\n' }))).lint.noFail, true);
    assert.match(await configError({ '.hadolint.yaml': 'ignored: []\ntrusted-registries: [x]\n' }), /^\.hadolint\.yaml:2:1: unknown key "trusted-registries"/);
  });
});

describe('parseSize', () => {
  it('reads byte counts and decimal and binary units', () => {
    assert.equal(parseSize(4096), 4096);
    assert.equal(parseSize('4096'), 4096);
    assert.equal(parseSize('200MB'), 200_000_000);
    assert.equal(parseSize('1.5 GiB'), 1_610_612_736);
    assert.equal(parseSize('10kb'), 10_000);
    assert.equal(parseSize('10 parsecs'), null);
    assert.equal(parseSize(-1), null);
  });
});
