import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_MIRROR, defaultCacheDir, defaultMirror, systemSources } from '../../../src/base/apt/sources.js';

function aptDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-apt-'));
  mkdirSync(join(dir, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('machine sources', () => {
  test('deb822 .sources and one-line lists, disabled and deb-src entries skipped', () => {
    const dir = aptDir({
      'sources.list': '# comment\ndeb [arch=amd64] https://packages.cloud.google.com/apt cloud-sdk main\ndeb-src http://x/debian bookworm main\n',
      'sources.list.d/debian.sources':
        'Types: deb\nURIs: http://mirror.test/debian/\nSuites: bookworm bookworm-updates\nComponents: main contrib\n\nTypes: deb\nEnabled: no\nURIs: http://off/debian\nSuites: bookworm\nComponents: main\n',
    });
    try {
      assert.deepEqual(systemSources(dir), [
        { url: 'https://packages.cloud.google.com/apt', suite: 'cloud-sdk', components: ['main'] },
        { url: 'http://mirror.test/debian', suite: 'bookworm', components: ['main', 'contrib'] },
        { url: 'http://mirror.test/debian', suite: 'bookworm-updates', components: ['main', 'contrib'] },
      ]);
      // The Debian mirror, not the first third-party source.
      assert.equal(defaultMirror(dir), 'http://mirror.test/debian');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('no sources: deb.debian.org', () => {
    assert.equal(defaultMirror(join(tmpdir(), 'whittle-no-such-apt-dir')), DEBIAN_MIRROR);
  });
  test('cache dir follows XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' }), '/c/whittle');
    assert.equal(defaultCacheDir({ HOME: '/h' }), '/h/.cache/whittle');
  });
});
