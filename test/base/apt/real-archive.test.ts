import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexLookup } from '../../../src/base/apt/index-lookup.js';
import { parseRelations } from '../../../src/base/apt/relations.js';
import { resolvePackages } from '../../../src/base/apt/resolve.js';
import type { ArchiveIndex, Resolution } from '../../../src/base/apt/types.js';
import { compareVersions, satisfiesVersion } from '../../../src/base/apt/version.js';
import { InputError } from '../../../src/core/errors.js';
import { bookworm, realCacheDir, realIndex } from './real-archive.js';
import { loadArchiveIndex } from '../../../src/base/apt/index-loader.js';

/** Every dependency group of every chosen package is met inside the closure, or names something omitted on purpose. */
function assertClosed(index: ArchiveIndex, r: Resolution): void {
  const lookup = indexLookup(index);
  const chosen = new Map(r.packages.map((p) => [p.name, p]));
  const omitted = new Set((r.omitted ?? []).map((o) => o.name));
  const provided = new Map<string, (string | undefined)[]>();
  for (const p of r.packages) {
    for (const [prov] of parseRelations(p.provides)) {
      provided.set(prov!.name, [...(provided.get(prov!.name) ?? []), prov!.op === '=' ? prov!.version : undefined]);
    }
  }
  for (const p of r.packages) {
    for (const group of [...parseRelations(p.preDepends), ...parseRelations(p.depends)]) {
      const met = group.some((rel) => {
        if (omitted.has(rel.name)) return true;
        const real = chosen.get(rel.name);
        if (real && (!rel.op || satisfiesVersion(real.version, rel.op, rel.version!))) return true;
        return (provided.get(rel.name) ?? []).some((v) => !rel.op || (v !== undefined && satisfiesVersion(v, rel.op, rel.version!)));
      });
      assert.ok(met, `${p.name}: ${group.map((g) => g.name).join(' | ')} not met`);
    }
    // One version per name, and it is a version the archive has.
    assert.ok(lookup.byName.get(p.name)?.includes(p), `${p.name} ${p.version} is from the index`);
  }
}

describe('the real Debian archive (bookworm main amd64)', () => {
  test('the index is signed by a Debian archive key and large', async () => {
    const index = await realIndex();
    assert.equal(index.verification[0]!.method, 'signature');
    assert.match(index.verification[0]!.signedBy!, /^[0-9A-F]{40}$/);
    assert.ok(index.packages.length > 50_000, `${index.packages.length} packages`);
  });

  test('python3 and ca-certificates: a sane, closed, stable closure with nothing Essential', async () => {
    const index = await realIndex();
    const request = { packages: ['python3', 'ca-certificates'] };
    const r = resolvePackages(index, request);
    const names = r.packages.map((p) => p.name);
    for (const needed of ['python3', 'python3.11-minimal', 'libpython3.11-stdlib', 'libc6', 'openssl', 'libssl3', 'ca-certificates', 'zlib1g']) {
      assert.ok(names.includes(needed), `${needed} in the closure`);
    }
    assert.deepEqual(r.packages.filter((p) => p.essential).map((p) => p.name), []);
    assert.ok((r.omitted ?? []).every((o) => o.reason === 'essential'));
    assert.ok(names.length > 20 && names.length < 60, `${names.length} packages`);
    assert.deepEqual(names, [...names].sort());
    assertClosed(index, r);
    const again = resolvePackages(index, request);
    assert.deepEqual(again.packages.map((p) => `${p.name}=${p.version}`), r.packages.map((p) => `${p.name}=${p.version}`));
    assert.deepEqual(again.requiredBy, r.requiredBy);
  });

  test('every package whittle picks is one apt also reaches from python3', async () => {
    const index = await realIndex();
    const r = resolvePackages(index, { packages: ['python3'] });
    // apt-cache lists every name reachable through Depends/Pre-Depends (all alternatives and providers): a superset.
    const aptOut = execFileSync('apt-cache', ['depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', 'python3'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const reachable = new Set(aptOut.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.replace(/^<|>$/g, '').replace(/:any$/, '')));
    const outside = r.packages.map((p) => p.name).filter((n) => !reachable.has(n));
    assert.deepEqual(outside, []);
  });

  test('the same closure apt-get computes for an empty system, once apt\'s Essential picks are asked for by name', async () => {
    const index = await realIndex();
    // apt-get with an empty dpkg status resolves from scratch; it installs the Essential packages the closure
    // names (dpkg, tar), which whittle leaves out unless asked, so they are requested here.
    const empty = join(mkdtempSync(join(tmpdir(), 'whittle-apt-status-')), 'status');
    writeFileSync(empty, '');
    const simulate = execFileSync(
      'apt-get',
      ['-s', '--no-install-recommends', '-o', `Dir::State::status=${empty}`, '-o', 'Debug::NoLocking=1', 'install', 'python3'],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const apt = simulate.split('\n').filter((l) => l.startsWith('Inst ')).map((l) => l.split(' ')[1]!).sort();
    const essentialPicks = apt.filter((n) => index.packages.some((p) => p.name === n && p.essential));
    assert.ok(essentialPicks.length > 0, 'apt installs some Essential package for python3 on an empty system');
    const ours = resolvePackages(index, { packages: ['python3', ...essentialPicks] }).packages.map((p) => p.name);
    assert.deepEqual(ours, apt);
  });

  test('includeEssential adds the Essential set and stays closed; excludes are honoured', async () => {
    const index = await realIndex();
    const r = resolvePackages(index, { packages: ['ca-certificates'], includeEssential: true });
    const names = new Set(r.packages.map((p) => p.name));
    for (const essential of ['bash', 'coreutils', 'dash', 'dpkg', 'libc-bin', 'tar']) assert.ok(names.has(essential), essential);
    assert.equal(r.omitted, undefined);
    assertClosed(index, r);
    const noDebconf = resolvePackages(index, { packages: ['ca-certificates'], exclude: ['debconf'] });
    assert.ok(!noDebconf.packages.some((p) => p.name === 'debconf' || p.name === 'cdebconf'));
    assert.deepEqual(noDebconf.omitted?.filter((o) => o.reason === 'excluded'), [{ name: 'debconf', requiredBy: 'ca-certificates', reason: 'excluded' }]);
  });

  test('bookworm with -updates and -security merged: the newest version of each package wins, closure still closed', async () => {
    const main = await realIndex();
    const merged = await loadArchiveIndex({
      sources: [bookworm, { ...bookworm, suite: 'bookworm-updates' }, { url: 'http://deb.debian.org/debian-security', suite: 'bookworm-security', components: ['main'] }],
      architecture: 'amd64',
      cacheDir: realCacheDir,
    });
    assert.deepEqual(merged.verification.map((v) => v.method), ['signature', 'signature', 'signature']);
    const r = resolvePackages(merged, { packages: ['python3', 'ca-certificates'] });
    assertClosed(merged, r);
    const lookup = indexLookup(merged);
    for (const p of r.packages) assert.equal(p.version, lookup.byName.get(p.name)![0]!.version, `${p.name} is the newest`);
    // Never older than what bookworm main alone gives; a package's URL is on the archive that lists that version.
    for (const p of resolvePackages(main, { packages: ['python3', 'ca-certificates'] }).packages) {
      const chosen = r.packages.find((q) => q.name === p.name);
      if (chosen) assert.ok(compareVersions(chosen.version, p.version) >= 0, `${p.name} ${chosen.version} >= ${p.version}`);
    }
    const security = merged.packages.filter((p) => p.url.startsWith('http://deb.debian.org/debian-security/'));
    assert.ok(security.length > 0 && security.every((p) => p.url.includes('/pool/updates/')), 'security packages point into its pool');
  });

  test('an unknown package names the archive it looked in', async () => {
    const index = await realIndex();
    assert.throws(
      () => resolvePackages(index, { packages: ['python3', 'no-such-package-whittle'] }),
      (e: unknown) => e instanceof InputError && e.message === 'no-such-package-whittle: no such package in bookworm/main amd64',
    );
  });
});
