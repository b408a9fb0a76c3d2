import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretEnv, isShellForm } from '../../src/analyze/config.js';
import { isRootUser } from '../../src/analyze/surface.js';
import { analyzeLayers } from './image-fixture.js';

const passwd = 'root:x:0:0:root:/root:/bin/bash\napp:x:10001:10001::/home/app:/sbin/nologin\ntoor:x:0:0::/:/bin/sh\n';

describe('attack surface and config', () => {
  it('lists shells, package managers, compilers, headers, setuid/setgid and world-writable paths', async () => {
    const r = await analyzeLayers(
      [
        [
          { path: 'bin/bash', content: 'elf', mode: 0o755 },
          { path: 'bin/sh', type: 'symlink', linkname: 'bash' },
          { path: 'usr/bin/apt-get', content: 'elf', mode: 0o755 },
          { path: 'usr/bin/gcc-12', content: 'elf', mode: 0o755 },
          { path: 'usr/bin/x86_64-linux-gnu-g++-12', content: 'elf', mode: 0o755 },
          { path: 'usr/include/stdio.h', content: 'h' },
          { path: 'usr/include/sys/types.h', content: 'h' },
          { path: 'usr/bin/passwd', content: 'elf', mode: 0o4755 },
          { path: 'usr/bin/wall', content: 'elf', mode: 0o2755 },
          { path: 'tmp/', type: 'dir', mode: 0o1777 },
          { path: 'data/', type: 'dir', mode: 0o777 },
          { path: 'etc/passwd', content: passwd },
          { path: 'usr/share/doc/bash/README', content: 'not a binary dir' },
        ],
      ],
      { config: { config: { User: 'app' } } },
    );
    const s = r.surface;
    assert.deepEqual(s.shells, ['/bin/bash', '/bin/sh']);
    assert.deepEqual(s.packageManagers, ['/usr/bin/apt-get']);
    assert.deepEqual(s.compilers, ['/usr/bin/gcc-12', '/usr/bin/x86_64-linux-gnu-g++-12']);
    assert.equal(s.headerFiles, 2);
    assert.deepEqual(s.setuid, ['/usr/bin/passwd']);
    assert.deepEqual(s.setgid, ['/usr/bin/wall']);
    assert.deepEqual(s.worldWritable, ['/data'], 'a sticky /tmp is fine');
    assert.equal(s.user, 'app');
    assert.equal(s.root, false);
    const rules = r.findings.map((f) => f.rule);
    for (const rule of ['build-tools-in-image', 'shell-present', 'package-manager-present', 'setuid-files', 'world-writable']) assert.ok(rules.includes(rule), rule);
    assert.ok(!rules.includes('runs-as-root'));
  });

  it('resolves the user to root through /etc/passwd', () => {
    assert.equal(isRootUser('', null), true);
    assert.equal(isRootUser('0:0', null), true);
    assert.equal(isRootUser('root', null), true);
    assert.equal(isRootUser('toor', passwd), true);
    assert.equal(isRootUser('app', passwd), false);
    assert.equal(isRootUser('10001:10001', null), false);
  });

  it('reads the config: PID 1 shell form, ports, healthcheck, labels, working dir', async () => {
    const r = await analyzeLayers([[{ path: 'x', content: 'x' }]], {
      config: {
        config: {
          Entrypoint: ['/bin/sh', '-c', 'node server.js'],
          ExposedPorts: { '8080/tcp': {}, '443/tcp': {} },
          Healthcheck: { Test: ['CMD-SHELL', 'curl -f localhost:8080'], Interval: 30e9 },
          Labels: { 'org.opencontainers.image.source': 'https://example.test/repo' },
          WorkingDir: '/app',
          StopSignal: 'SIGINT',
        },
      },
    });
    assert.equal(r.config.shellFormPid1, true);
    assert.deepEqual(r.config.exposedPorts, ['443/tcp', '8080/tcp']);
    assert.deepEqual(r.config.healthcheck, { test: ['CMD-SHELL', 'curl -f localhost:8080'], intervalSeconds: 30 });
    assert.equal(r.config.labels['org.opencontainers.image.source'], 'https://example.test/repo');
    assert.equal(r.config.workingDir, '/app');
    assert.equal(r.config.stopSignal, 'SIGINT');
    assert.ok(r.findings.some((f) => f.rule === 'pid1-shell-form' && f.severity === 'warning'));
    assert.ok(r.findings.some((f) => f.rule === 'runs-as-root'));
  });

  it('tells the shell form from the exec form', () => {
    assert.equal(isShellForm(['/bin/sh', '-c', 'exec node server.js']), false);
    assert.equal(isShellForm(['node', 'server.js']), false);
    assert.equal(isShellForm(['bash', '-ec', 'run']), true);
    assert.equal(isShellForm(null), false);
  });

  it('redacts env values that look like secrets, keeps pointers to secrets', () => {
    assert.equal(isSecretEnv('GITHUB_TOKEN', 'ghp_x'), true);
    assert.equal(isSecretEnv('DB_PASSWORD_FILE', '/run/secrets/db'), false);
    assert.equal(isSecretEnv('GPG_KEY', 'A4A9406876FCBD3C456770C88C718D3B5072E1F5'), false);
    assert.equal(isSecretEnv('URL', 'https://user:pa55@db.example.test'), true);
    assert.equal(isSecretEnv('API_KEY', ''), false);
    assert.equal(isSecretEnv('LANG', 'C.UTF-8'), false);
  });
});
