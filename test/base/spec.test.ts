import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { parseBaseSpec, requestedPackages, SPEC_KEYS, withExtraPackages } from '../../src/base/spec.js';
import { presetNames, presetText } from '../../src/base/presets.js';
import { repoRoot } from '../helpers/paths.js';

function errorOf(text: string): ConfigError {
  try {
    parseBaseSpec('whittle-base.yaml', text);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('expected a ConfigError');
}

describe('parseBaseSpec', () => {
  test('defaults: bookworm, nonroot 65532, PATH, workdir the home', () => {
    const spec = parseBaseSpec('s.yaml', 'packages: [libc6]\n');
    assert.equal(spec.suite, 'bookworm');
    assert.deepEqual(spec.user, { name: 'nonroot', uid: 65532, home: '/home/nonroot' });
    assert.deepEqual(spec.group, { name: 'nonroot', gid: 65532 });
    assert.match(spec.env.PATH!, /\/usr\/bin/);
    assert.equal(spec.workdir, '/home/nonroot');
    assert.deepEqual(spec.sources, []);
    assert.equal(spec.includeEssential, false);
  });

  test('every key', () => {
    const spec = parseBaseSpec(
      's.yaml',
      [
        'suite: trixie',
        'architectures: [amd64, arm64]',
        'sources:',
        '  - url: http://mirror.example/debian/',
        '    suites: [trixie, trixie-updates]',
        '    components: [main, contrib]',
        'packages: ["libc6 (>= 2.36)", tzdata]',
        'exclude: [debconf]',
        'includeEssential: true',
        'user: { name: app, uid: 1000 }',
        'env: { LANG: C.UTF-8, PATH: /bin }',
        'entrypoint: [/app]',
        'cmd: serve',
        'workdir: /srv',
        'labels: { org.opencontainers.image.title: t }',
        'annotations: { a: "1" }',
        'layers:',
        '  system: [libc6]',
        '  app: [python3]',
        'keep: [locales, docs]',
        'sourceDateEpoch: 1700000000',
      ].join('\n'),
    );
    assert.deepEqual(spec.architectures, ['amd64', 'arm64']);
    assert.deepEqual(spec.sources, [
      { url: 'http://mirror.example/debian', suite: 'trixie', components: ['main', 'contrib'] },
      { url: 'http://mirror.example/debian', suite: 'trixie-updates', components: ['main', 'contrib'] },
    ]);
    assert.deepEqual(spec.user, { name: 'app', uid: 1000, home: '/home/app' });
    assert.deepEqual(spec.group, { name: 'app', gid: 1000 });
    assert.deepEqual(spec.env, { PATH: '/bin', LANG: 'C.UTF-8' });
    assert.deepEqual(spec.cmd, ['serve']);
    assert.equal(spec.workdir, '/srv');
    assert.deepEqual(spec.layers, [
      { name: 'system', packages: ['libc6'] },
      { name: 'app', packages: ['python3'] },
    ]);
    assert.deepEqual(requestedPackages(spec), ['libc6', 'python3', 'tzdata']);
    assert.deepEqual(spec.keep, ['locales', 'docs']);
    assert.equal(spec.sourceDateEpoch, 1700000000);
  });

  test('root user: root group, no default workdir', () => {
    const spec = parseBaseSpec('s.yaml', 'packages: [x1]\nuser: root\n');
    assert.equal(spec.user.uid, 0);
    assert.equal(spec.group.gid, 0);
    assert.equal(spec.workdir, undefined);
  });

  const cases: [string, string, RegExp, number, number][] = [
    ['unknown key', 'packages: [a1]\nfrobnicate: 1\n', /unknown key "frobnicate"/, 2, 1],
    ['bad package', 'packages:\n  - libc6\n  - "Bad Name"\n', /"Bad Name" is not a Debian package name/, 3, 5],
    ['bad architecture', 'packages: [a1]\narchitectures: [amd64, m68k]\n', /unknown architecture "m68k"/, 2, 24],
    ['bad uid', 'packages: [a1]\nuser: { name: app, uid: -1 }\n', /user.uid must be a whole number/, 2, 25],
    ['user shorthand', 'packages: [a1]\nuser: admin\n', /user must be "nonroot", "root"/, 2, 7],
    ['package in two layers', 'layers:\n  a: [libc6]\n  b: [zlib1g, libc6]\n', /package libc6 is in two layers \(a and b\)/, 3, 15],
    ['relative workdir', 'packages: [a1]\nworkdir: app\n', /workdir must be an absolute path/, 2, 10],
    ['keep kind', 'packages: [a1]\nkeep: [manpages]\n', /keep: unknown kind "manpages"/, 2, 8],
    ['no packages', 'suite: bookworm\n', /installs no packages/, 1, 1],
    ['source without suite', 'packages: [a1]\nsources:\n  - url: http://x.example/debian\n', /needs a suite/, 3, 5],
    ['invalid YAML', 'packages: [a1\n', /invalid YAML/, 1, 1],
  ];
  for (const [name, text, message, line, column] of cases) {
    test(`error names file:line:col: ${name}`, () => {
      const err = errorOf(text);
      assert.match(err.message, message);
      assert.equal(err.file, 'whittle-base.yaml');
      if (name !== 'invalid YAML') {
        assert.equal(err.line, line);
        assert.equal(err.column, column);
      } else assert.ok(err.line !== undefined);
    });
  }

  test('--add packages join the spec; a bad name is refused', () => {
    const spec = withExtraPackages(parseBaseSpec('s.yaml', 'packages: [libc6]\n'), ['libpq5']);
    assert.deepEqual(spec.packages, ['libc6', 'libpq5']);
    assert.throws(() => withExtraPackages(spec, ['x y']), /--add: "x y"/);
  });

  test('the JSON Schema lists the keys the parser accepts', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'whittle-base.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.properties).sort(), [...SPEC_KEYS].sort());
  });
});

describe('presets', () => {
  test('every preset and its -debug variant parses; all but static share the system layer', () => {
    const names = presetNames();
    for (const base of ['static', 'base', 'python3', 'nodejs', 'java']) assert.ok(names.includes(base) && names.includes(`${base}-debug`));
    const system = new Set<string>();
    for (const name of names) {
      const spec = parseBaseSpec(`preset:${name}`, presetText(name));
      assert.equal(spec.user.uid, 65532, name);
      if (name.endsWith('-debug')) assert.deepEqual(spec.layers.at(-1), { name: 'debug', packages: ['busybox-static'] });
      if (!name.startsWith('static')) system.add(JSON.stringify(spec.layers[0]));
    }
    assert.equal(system.size, 1);
    assert.ok(!requestedPackages(parseBaseSpec('p', presetText('static'))).includes('libc6'));
  });

  test('an unknown preset lists the known ones', () => {
    assert.throws(() => presetText('alpine'), /unknown preset "alpine" \(presets: static, static-debug, base/);
  });
});

describe('examples/base', () => {
  test('every example spec parses', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = join(repoRoot, 'examples', 'base');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 3);
    for (const f of files) {
      const spec = parseBaseSpec(f, readFileSync(join(dir, f), 'utf8'));
      assert.ok(requestedPackages(spec).length > 0, f);
    }
    const custom = parseBaseSpec('c', readFileSync(join(dir, 'custom-user.whittle-base.yaml'), 'utf8'));
    assert.deepEqual(custom.user, { name: 'svc', uid: 1001, home: '/srv/svc' });
    assert.equal(custom.sources.length, 3);
  });
});
