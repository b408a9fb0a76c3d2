import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { compareVersions, isValidVersion, parseVersion, satisfiesVersion } from '../../../src/base/apt/version.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('compareVersions', () => {
  // [a, expected sign of compare(a, b), b]: Debian policy 5.6.12 examples and dpkg's own t-version cases.
  const table: [string, number, string][] = [
    ['1.0', 0, '1.0'],
    ['1.0', 0, '0:1.0'],
    ['1.0', 0, '1.0-0'],
    ['0001', 0, '1'],
    ['1.0-1', 0, '1.0-01'],
    ['1.0~rc1', -1, '1.0'],
    ['1.0~~', -1, '1.0~~a'],
    ['1.0~~a', -1, '1.0~'],
    ['1.0~', -1, '1.0'],
    ['1.0', -1, '1.0a'],
    ['1.0a', -1, '1.0+'],
    ['1.0a', -1, '1.0.1'],
    ['1.0+', -1, '1.0.'],
    ['1.9', -1, '1.10'],
    ['10.3', -1, '1:0.4'],
    ['1:1.0', -1, '2:0.1'],
    ['2.30-1', -1, '2.30-1+deb12u1'],
    ['2.36-9+deb12u4', -1, '2.36-9+deb12u10'],
    ['3.11.2-6', -1, '3.11.2-6+deb12u1'],
    ['1.2.3-1~bpo12+1', -1, '1.2.3-1'],
    ['7.88.1-10+deb12u5', 1, '7.88.1-10'],
    ['1.0-1', -1, '1.0-1.1'],
    ['1.0-1a', 1, '1.0-1'],
    ['1.0-a', 1, '1.0-1'],
    ['a', -1, 'b'],
    ['0-0', 0, '0'],
    ['1-2-3', 1, '1-2-2'],
    ['1:2:3-4', 1, '1:2:2-4'],
    ['20230311', 1, '2023.03'],
  ];
  for (const [a, expected, b] of table) {
    test(`${a} ${expected < 0 ? '<' : expected > 0 ? '>' : '='} ${b}`, () => {
      assert.equal(sign(compareVersions(a, b)), expected);
      assert.equal(sign(compareVersions(b, a)), -expected || 0);
    });
  }

  const versionArb = fc
    .tuple(
      fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      fc.stringMatching(/^[0-9][0-9a-z.+~]{0,6}$/),
      fc.option(fc.stringMatching(/^[0-9a-z.+~]{1,5}$/), { nil: undefined }),
    )
    .map(([e, u, r]) => `${e === undefined ? '' : `${e}:`}${u}${r === undefined ? '' : `-${r}`}`);

  test('agrees with dpkg --compare-versions on random versions', () => {
    // dpkg itself is the reference: if it is missing the machine cannot build Debian images anyway.
    const samples = fc.sample(fc.tuple(versionArb, versionArb), { numRuns: 150, seed: 4 });
    for (const [a, b] of samples) {
      const lt = spawnSync('dpkg', ['--compare-versions', a, 'lt', b]).status === 0;
      const eq = spawnSync('dpkg', ['--compare-versions', a, 'eq', b]).status === 0;
      const dpkg = lt ? -1 : eq ? 0 : 1;
      assert.equal(sign(compareVersions(a, b)), dpkg, `${a} vs ${b}`);
    }
  });

  test('is a total order (antisymmetric, transitive) on random versions', () => {
    fc.assert(
      fc.property(fc.array(versionArb, { minLength: 2, maxLength: 12 }), (versions) => {
        const sorted = [...versions].sort(compareVersions);
        for (let i = 1; i < sorted.length; i++) {
          assert.ok(compareVersions(sorted[i - 1]!, sorted[i]!) <= 0);
          // Summed, not negated: -sign(0) is -0, which strict equality tells from 0 (equal versions failed the test).
          assert.equal(sign(compareVersions(sorted[i]!, sorted[i - 1]!)) + sign(compareVersions(sorted[i - 1]!, sorted[i]!)), 0);
        }
      }),
    );
  });
});

describe('parseVersion and isValidVersion', () => {
  test('splits epoch at the first colon and revision at the last dash', () => {
    assert.deepEqual(parseVersion('2:1.2-3-4'), { epoch: 2, upstream: '1.2-3', revision: '4' });
    assert.deepEqual(parseVersion('1.2'), { epoch: 0, upstream: '1.2', revision: '' });
  });
  test('rejects what dpkg rejects', () => {
    assert.ok(isValidVersion('1:2.36-9+deb12u4'));
    assert.ok(!isValidVersion('a1.0'));
    assert.ok(!isValidVersion('x:1.0'));
    assert.ok(!isValidVersion('1.0-'));
    assert.ok(!isValidVersion('1.0 beta'));
  });
});

describe('satisfiesVersion', () => {
  test('each operator', () => {
    assert.ok(satisfiesVersion('2.36-9', '>=', '2.36'));
    assert.ok(!satisfiesVersion('2.35', '>=', '2.36'));
    assert.ok(satisfiesVersion('1.0~rc1', '<<', '1.0'));
    assert.ok(!satisfiesVersion('1.0', '<<', '1.0'));
    assert.ok(satisfiesVersion('1.0', '<=', '1.0-0'));
    assert.ok(satisfiesVersion('1:1.0', '=', '1:1.0-0'));
    assert.ok(satisfiesVersion('1.1', '>>', '1.0'));
    assert.ok(!satisfiesVersion('1.0', '>>', '1.0'));
  });
});
