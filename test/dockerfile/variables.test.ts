import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Instruction } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { expandWord, variablesAt } from '../../src/dockerfile/variables.js';

const vars = new Map([
  ['A', 'alpha'],
  ['EMPTY', ''],
  ['P', 'dir/sub/file.tar.gz'],
]);
const ex = (word: string) => expandWord(word, vars);

describe('expandWord (BuildKit shell lexer)', () => {
  it('expands $A and ${A}', () => {
    assert.deepEqual(ex('x$A-${A}y'), { value: 'xalpha-alphay', undefinedVars: [] });
  });
  it('supports :- - :+ + with set, empty and unset variables', () => {
    assert.equal(ex('${A:-d}|${EMPTY:-d}|${NOPE:-d}').value, 'alpha|d|d');
    assert.equal(ex('${A-d}|${EMPTY-d}|${NOPE-d}').value, 'alpha||d');
    assert.equal(ex('${A:+w}|${EMPTY:+w}|${NOPE:+w}').value, 'w||');
    assert.equal(ex('${A+w}|${EMPTY+w}|${NOPE+w}').value, 'w|w|');
  });
  it('reports ${A:?msg} as an error when unset or empty', () => {
    assert.equal(ex('${A:?need A}').value, 'alpha');
    const r = ex('${NOPE:?need it}');
    assert.equal(r.error, 'failed to process "${NOPE:?need it}": NOPE: need it');
    assert.equal(ex('${EMPTY:?}').error, 'failed to process "${EMPTY:?}": EMPTY: is not allowed to be empty');
    assert.equal(ex('${NOPE?}').error, 'failed to process "${NOPE?}": NOPE: is not allowed to be unset');
    assert.equal(ex('${EMPTY?}').value, '');
  });
  it('lists undefined variables', () => {
    assert.deepEqual(ex('$NOPE ${OTHER:-x} $A').undefinedVars, ['NOPE', 'OTHER']);
  });
  it('keeps single quotes literal and processes double quotes and escapes', () => {
    assert.equal(ex(`'$A'`).value, '$A');
    assert.equal(ex(`"$A \\"q\\""`).value, 'alpha "q"');
    assert.equal(ex('\\$A').value, '$A');
    assert.equal(ex('a\\ b').value, 'a b');
  });
  it('uses the backtick as escape when the file says so', () => {
    assert.equal(expandWord('`$A and \\x', vars, '`').value, '$A and \\x');
  });
  it('supports pattern removal and replacement', () => {
    assert.equal(ex('${P#*/}|${P##*/}|${P%.*}|${P%%.*}').value, 'sub/file.tar.gz|file.tar.gz|dir/sub/file.tar|dir/sub/file');
    assert.equal(ex('${P/sub/x}|${A//a/o}|${P/*./}').value, 'dir/x/file.tar.gz|olpho|gz');
    assert.equal(ex('${P%.t*}|${P#[d]}').value, 'dir/sub/file|dir/sub/file.tar.gz');
    assert.equal(ex('${A//*/x}|${A///-}|${A/l*/}|${A#\\*}').value, 'x|-a-l-p-h-a-|a|alpha');
    // Patterns that make a backtracking matcher explode (a hang would stop the suite).
    const long = new Map([['L', 'a'.repeat(5000)]]);
    assert.equal(expandWord('${L#*a*a*a*a*a*b}|${L//a*a*a*b/x}', long).value, `${'a'.repeat(5000)}|${'a'.repeat(5000)}`);
    assert.equal(ex('"a\\b" "\\$A"').value, 'a\\b $A');
  });
  it('reports bad substitutions instead of throwing', () => {
    assert.equal(ex('${}').error, 'failed to process "${}": syntax error: bad substitution');
    assert.equal(ex('${A').error, 'failed to process "${A": syntax error: missing \'}\'');
    assert.equal(ex('"open').error, 'failed to process "\\"open": unexpected end of statement while looking for matching double-quote');
    assert.equal(ex('${A:x}').error, 'failed to process "${A:x}": unsupported modifier (:x) in substitution');
  });
});

describe('variablesAt', () => {
  const text = [
    'ARG BASE=debian',
    'ARG VERSION=1.0',
    'ARG UNSET',
    'FROM ${BASE} AS build',
    'ARG VERSION',
    'ENV PATH=/opt/bin APP=app-$VERSION',
    'ARG LOCAL=l-${APP}',
    'RUN echo',
    'FROM build',
    'ARG TARGETARCH',
    'RUN echo',
    'FROM alpine',
    'ENV X=1',
    'ARG X=2',
    'RUN echo',
    '',
  ].join('\n');

  const find = (instructions: readonly Instruction[], line: number): Instruction => {
    const found = instructions.find((i) => i.range.start.line === line);
    assert.ok(found, `no instruction on line ${line}`);
    return found;
  };

  it('gives FROM the global ARGs and predefined platform args', async () => {
    const df = await parseDockerfile(text, 'Dockerfile');
    const v = variablesAt(df, find(df.instructions, 4));
    assert.equal(v.get('BASE'), 'debian');
    assert.equal(v.get('VERSION'), '1.0');
    assert.equal(v.get('TARGETPLATFORM'), 'linux/amd64');
    assert.equal(v.get('BUILDARCH'), 'amd64');
    assert.equal(v.get('UNSET'), '');
  });

  it('takes re-declared globals, stage ARG/ENV in order, and nothing undeclared', async () => {
    const df = await parseDockerfile(text, 'Dockerfile');
    const v = variablesAt(df, find(df.instructions, 8));
    assert.equal(v.get('VERSION'), '1.0');
    assert.equal(v.get('APP'), 'app-1.0');
    assert.equal(v.get('LOCAL'), 'l-app-1.0');
    assert.equal(v.has('BASE'), false);
    assert.equal(v.has('TARGETARCH'), false);
    const before = variablesAt(df, find(df.instructions, 6));
    assert.equal(before.has('APP'), false);
    assert.equal(before.get('VERSION'), '1.0');
  });

  it('inherits ENV (not ARG) from the parent stage and fills predefined args', async () => {
    const df = await parseDockerfile(text, 'Dockerfile');
    const v = variablesAt(df, find(df.instructions, 11), { TARGETPLATFORM: 'linux/arm64/v8' });
    assert.equal(v.get('APP'), 'app-1.0');
    assert.equal(v.get('PATH'), '/opt/bin');
    assert.equal(v.has('VERSION'), false);
    assert.equal(v.get('TARGETARCH'), 'arm64');
  });

  it('lets build args override ARG defaults, and ENV win over ARG', async () => {
    const df = await parseDockerfile(text, 'Dockerfile', { buildArgs: { VERSION: '2.0' } });
    const v = variablesAt(df, find(df.instructions, 8), { VERSION: '2.0', HTTP_PROXY: 'http://proxy' });
    assert.equal(v.get('APP'), 'app-2.0');
    assert.equal(v.get('HTTP_PROXY'), 'http://proxy');
    const w = variablesAt(df, find(df.instructions, 15), { X: '3' });
    assert.equal(w.get('X'), '1');
  });

  it('expands with the file escape character through the scope', async () => {
    const df = await parseDockerfile('# escape=`\nFROM a\nENV A=1\nRUN x\n', 'Dockerfile');
    const v = variablesAt(df, df.instructions[2]!);
    assert.equal(expandWord('`$A-$A', v).value, '$A-1');
  });
});
