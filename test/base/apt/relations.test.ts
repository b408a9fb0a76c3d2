import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { appliesToArchitecture, formatAlternatives, parseRelations } from '../../../src/base/apt/relations.js';

describe('parseRelations', () => {
  test('alternatives, versions, qualifiers, arch lists and profiles', () => {
    const groups = parseRelations('a (>= 1) | b:any, c [amd64],\n d (<< 2:1.0~rc1) <!nocheck>, e:native (= 1-1)');
    assert.deepEqual(groups, [
      [{ name: 'a', op: '>=', version: '1' }, { name: 'b', archQualifier: 'any' }],
      [{ name: 'c', archRestrictions: ['amd64'] }],
      [{ name: 'd', op: '<<', version: '2:1.0~rc1' }],
      [{ name: 'e', archQualifier: 'native', op: '=', version: '1-1' }],
    ]);
  });
  test('obsolete < and > mean <= and >=; spacing and trailing comma tolerated', () => {
    assert.deepEqual(parseRelations('x(<1),y ( > 2 ),'), [[{ name: 'x', op: '<=', version: '1' }], [{ name: 'y', op: '>=', version: '2' }]]);
  });
  test('empty field gives no groups; garbage names the field', () => {
    assert.deepEqual(parseRelations('  '), []);
    assert.throws(() => parseRelations('a (>= ', 'foo Depends'), /foo Depends: cannot parse relation "a \(>="/);
  });
  test('format round-trips the meaning', () => {
    assert.equal(formatAlternatives(parseRelations('a (>= 1) | b:any')[0]!), 'a (>= 1) | b:any');
  });
});

describe('appliesToArchitecture', () => {
  test('positive and negated lists', () => {
    const [[pos], [neg]] = parseRelations('a [amd64 arm64], b [!i386]') as [[never], [never]];
    assert.ok(appliesToArchitecture(pos, 'amd64'));
    assert.ok(!appliesToArchitecture(pos, 'i386'));
    assert.ok(appliesToArchitecture(neg, 'amd64'));
    assert.ok(!appliesToArchitecture(neg, 'i386'));
  });
});
