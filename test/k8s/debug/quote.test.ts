import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { shellLine, shellQuote } from '../../../src/k8s/debug/quote.js';

/** What a real shell makes of a printed line: the argv it would pass on. */
function parsedBy(shell: string, line: string): string[] {
  const r = spawnSync(shell, ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

describe('shell quoting of printed commands', () => {
  const hostile = [
    'kubectl', '--image=busybox:1.36', "it's", '$HOME', '${PATH}', 'a b', '*', '?', '[x]', '`id`', '$(id)', 'back\\slash', 'two\nlines', '',
    '=ls', '~', '!', ';', '&&', '|', '>out', '<in', '#comment', '{"spec":{"a":"b c"}}', "sh -c 'echo \"$1\"'", 'ünï', '\t',
  ];

  it('sh and bash read back exactly the argv given', () => {
    for (const shell of ['sh', 'bash']) assert.deepEqual(parsedBy(shell, shellLine(hostile)), hostile, shell);
  });

  it('plain words stay bare, everything else is quoted', () => {
    assert.equal(shellQuote('--profile=general'), '--profile=general');
    assert.equal(shellQuote('node/node-a7'), 'node/node-a7');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('=ls'), "'=ls'");
  });
});
