import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeLayers } from './image-fixture.js';

const b = (n: number) => Buffer.alloc(n, 0x62);
const upx = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(180), Buffer.from('UPX!'), Buffer.alloc(64)]);

describe('junk', () => {
  it('groups leftovers by kind and directory, with bytes and the layer holding them', async () => {
    const r = await analyzeLayers([
      [
        { path: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_main', content: b(30000) },
        { path: 'var/lib/apt/lists/lock', content: '' },
        { path: 'var/cache/apt/archives/curl.deb', content: b(5000) },
        { path: 'root/.cache/pip/http/ab/cd', content: b(7000) },
        { path: 'app/.git/objects/pack/p.pack', content: b(9000) },
        { path: 'app/.git/HEAD', content: 'ref: refs/heads/main\n' },
        { path: 'tmp/build.log', content: b(2000) },
        { path: 'usr/lib/python3/dist-packages/requests/tests/test_x.py', content: b(100) },
        { path: 'usr/src/linux.tar.gz', content: b(2 * 1024 * 1024) },
        { path: 'usr/local/bin/tool', content: upx, mode: 0o755 },
      ],
      [{ path: 'root/.cache/pip/http/ef/gh', content: b(8000) }],
    ]);
    const items = r.junk.items.map((i) => `${i.kind} ${i.path} ${i.files} ${i.sizeBytes} L${i.layer}`);
    assert.deepEqual(items, [
      'source-archive /usr/src/linux.tar.gz 1 2097152 L0',
      'apt-lists /var/lib/apt/lists 1 30000 L0',
      'pip-cache /root/.cache/pip 2 15000 L1',
      'git /app/.git 2 9021 L0',
      'apt-cache /var/cache/apt 1 5000 L0',
      'tmp /tmp 1 2000 L0',
      'tests /usr/lib/python3/dist-packages/requests/tests 1 100 L0',
    ]);
    assert.equal(r.junk.totalBytes, 2097152 + 30000 + 15000 + 9021 + 5000 + 2000 + 100);
    assert.deepEqual(r.junk.upxBinaries, ['/usr/local/bin/tool']);
    const apt = r.findings.find((f) => f.rule === 'junk-apt-lists');
    assert.equal(apt?.bytes, 30000);
    assert.match(apt!.fix, /rm -rf \/var\/lib\/apt\/lists\/\*.*saves 30\.0 kB/);
    assert.ok(r.findings.some((f) => f.rule === 'upx-packed-binary' && f.path === '/usr/local/bin/tool'));
  });

  it('junk deleted by a later layer is waste, not junk', async () => {
    const r = await analyzeLayers([[{ path: 'tmp/x', content: b(5000) }], [{ path: 'tmp/.wh.x' }]]);
    assert.equal(r.junk.items.length, 0);
    assert.equal(r.wastedBytes, 5000);
  });
});
