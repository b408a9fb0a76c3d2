import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from '../../src/core/position.js';
import type { Dockerfile, RunInstruction } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { ShellCommand } from '../../src/dockerfile/shell-model.js';

const at = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

async function runs(text: string): Promise<{ df: Dockerfile; runs: RunInstruction[] }> {
  const df = await parseDockerfile(text, 'Dockerfile');
  return { df, runs: df.instructions.filter((i): i is RunInstruction => i.keyword === 'RUN') };
}

const summary = (c: ShellCommand): string =>
  `${c.depth} ${c.connectorBefore ?? '-'} ${c.name} [${c.args.map((a) => a.value).join(',')}] ${c.connectorAfter ?? '-'}${c.inPipeline ? ' pipe' : ''}`;

describe('shell analysis of RUN', () => {
  it('splits && ; || | & and newlines into commands with connectors', async () => {
    const { runs: [run] } = await runs('FROM a\nRUN a 1 && b 2 || c; d | e & f\n');
    assert.deepEqual(run!.shell.commands.map(summary), [
      '0 - a [1] &&',
      '0 && b [2] ||',
      '0 || c [] ;',
      '0 ; d [] | pipe',
      '0 | e [] & pipe',
      '0 & f [] -',
    ]);
    assert.equal(run!.shell.hasPipe, true);
    assert.equal(run!.shell.hasError, false);
  });

  it('gives every word and command a range in file coordinates across continuations', async () => {
    const text = 'FROM debian\nRUN DEBIAN_FRONTEND=noninteractive apt-get update && \\\n    apt-get install -y \\\n      curl "ca-certificates" > /dev/null\n';
    const { df, runs: [run] } = await runs(text);
    const [update, install] = run!.shell.commands;
    assert.equal(update!.name, 'apt-get');
    assert.deepEqual(update!.assignments, [{ name: 'DEBIAN_FRONTEND', value: 'noninteractive' }]);
    assert.equal(at(update!.range), '2:5-2:50');
    assert.equal(at(install!.words[1]!.range), '3:13-3:20');
    assert.equal(df.text.slice(install!.words[1]!.range.start.offset, install!.words[1]!.range.end.offset), 'install');
    assert.equal(at(install!.args[2]!.range), '4:7-4:11');
    const quoted = install!.args[3]!;
    assert.deepEqual([quoted.value, quoted.raw, quoted.literal, at(quoted.range)], ['ca-certificates', '"ca-certificates"', true, '4:12-4:29']);
    assert.equal(at(install!.range), '3:5-4:41');
    assert.equal(install!.text, 'apt-get install -y \\\n      curl "ca-certificates" > /dev/null');
    // A fix can insert right after `install`.
    const end = install!.words[1]!.range.end.offset;
    const fixed = df.text.slice(0, end) + ' --no-install-recommends' + df.text.slice(end);
    assert.match(fixed, /apt-get install --no-install-recommends -y/);
  });

  it('marks words with expansions as not literal', async () => {
    const { runs: [run] } = await runs('FROM a\nRUN echo $HOME "${X}y" \'$lit\' *.txt $(date)\n');
    const words = run!.shell.commands[0]!.args;
    assert.deepEqual(words.map((w) => [w.value, w.literal]), [
      ['$HOME', false],
      ['"${X}y"', false],
      ['$lit', true],
      ['*.txt', false],
      ['$(date)', false],
    ]);
    assert.deepEqual(run!.shell.commands.map((c) => [c.name, c.depth]), [['echo', 0], ['date', 1]]);
  });

  it('re-parses sh -c and bash -c strings with positions mapped back into the file', async () => {
    const text = 'FROM a\nRUN sh -c \'apt-get update && apt-get install -y x\' && bash -euxo pipefail -c "pip install \\"y\\""\n';
    const { df, runs: [run] } = await runs(text);
    assert.deepEqual(run!.shell.commands.map(summary), [
      '0 - sh [-c,apt-get update && apt-get install -y x] &&',
      '1 - apt-get [update] &&',
      '1 && apt-get [install,-y,x] -',
      '0 && bash [-euxo,pipefail,-c,pip install "y"] -',
      '1 - pip [install,y] -',
    ]);
    const install = run!.shell.commands[2]!;
    assert.equal(at(install.words[1]!.range), '2:38-2:45');
    const pip = run!.shell.commands[4]!;
    const y = pip.args[1]!;
    assert.equal(df.text.slice(y.range.start.offset, y.range.end.offset), '\\"y\\"');
    assert.equal(df.text.slice(pip.range.start.offset, pip.range.end.offset), 'pip install \\"y\\"');
  });

  it('analyses exec-form sh -c', async () => {
    const { df, runs: [run] } = await runs('FROM a\nRUN ["/bin/sh", "-c", "apk add --no-cache \\"curl\\" && rm -rf /x"]\n');
    assert.deepEqual(run!.shell.commands.map(summary), ['1 - apk [add,--no-cache,curl] &&', '1 && rm [-rf,/x] -']);
    const curl = run!.shell.commands[0]!.args[2]!;
    assert.equal(df.text.slice(curl.range.start.offset, curl.range.end.offset), '\\"curl\\"');
    const { runs: [plain] } = await runs('FROM a\nRUN ["apt-get", "install", "x"]\n');
    assert.deepEqual(plain!.shell.commands, []);
  });

  it('analyses heredoc bodies run by a shell, not others', async () => {
    const text = [
      'FROM a',
      'RUN <<EOF',
      'apt-get update',
      'apt-get install -y x',
      'EOF',
      'RUN bash <<EOF',
      'pip install y',
      'EOF',
      'RUN python3 <<EOF',
      'import os',
      'EOF',
      'RUN cat <<EOF > /etc/conf',
      'rm -rf /',
      'EOF',
      '',
    ].join('\n');
    const { runs: r } = await runs(text);
    assert.deepEqual(r[0]!.shell.commands.map(summary), ['0 - apt-get [update] newline', '0 newline apt-get [install,-y,x] -']);
    assert.equal(at(r[0]!.shell.commands[1]!.range), '4:1-4:21');
    assert.deepEqual(r[1]!.shell.commands.map(summary), ['0 - bash [] -', '1 - pip [install,y] -']);
    assert.equal(at(r[1]!.shell.commands[1]!.range), '7:1-7:14');
    assert.deepEqual(r[2]!.shell.commands.map((c) => c.name), ['python3']);
    assert.deepEqual(r[3]!.shell.commands.map((c) => c.name), ['cat']);
  });

  it('follows the shebang of a lone heredoc', async () => {
    const text = 'FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\nRUN <<EOF\n#!/bin/bash -e\nmake\nEOF\n';
    const { runs: r } = await runs(text);
    assert.deepEqual(r[0]!.shell.commands, []);
    assert.deepEqual(r[1]!.shell.commands.map((c) => `${c.name} ${at(c.range)}`), ['make 8:1-8:5']);
  });

  it('analyses RUN <<EOF bash and heredocs of sh -s, not of sh -c', async () => {
    const text = 'FROM a\nRUN <<EOF bash\nmake all\nEOF\nRUN set -e && sh -s <<EOF\nmake test\nEOF\nRUN sh -c "true" <<EOF\nmake no\nEOF\n';
    const { runs: r } = await runs(text);
    assert.deepEqual(r[0]!.shell.commands.map((c) => `${c.depth} ${c.name} ${at(c.range)}`), ['0 bash 2:11-2:15', '1 make 3:1-3:9']);
    assert.deepEqual(r[1]!.shell.commands.map((c) => `${c.depth} ${c.name}`), ['0 set', '0 sh', '1 make']);
    assert.deepEqual(r[2]!.shell.commands.map((c) => `${c.depth} ${c.name}`), ['0 sh', '1 true']);
  });

  it('joins a subshell by its last command, and ignores commands inside arguments for connectors', async () => {
    const { runs: [run] } = await runs('FROM a\nRUN (cd /x; make) && echo $(date) || exit 1\n');
    assert.deepEqual(run!.shell.commands.map(summary), [
      '1 - cd [/x] ;',
      '1 ; make [] &&',
      '0 && echo [$(date)] ||',
      '1 - date [] -',
      '0 || exit [1] -',
    ]);
  });

  it('counts subshells, control structures and functions as nested', async () => {
    const { runs: [run] } = await runs('FROM a\nRUN (cd /x && make); if [ -f y ]; then rm y; fi; for i in 1 2; do echo $i; done\n');
    assert.deepEqual(run!.shell.commands.map((c) => `${c.depth} ${c.name}`), ['1 cd', '1 make', '1 rm', '1 echo']);
  });

  it('keeps wrappers as the command name and lists export as a command', async () => {
    const { runs: [run] } = await runs('FROM a\nRUN sudo apt-get install x; export A=1; xargs rm < list\n');
    assert.deepEqual(run!.shell.commands.map((c) => c.name), ['sudo', 'export', 'xargs']);
  });

  it('gives an empty analysis when SHELL is not POSIX', async () => {
    const text = 'FROM a\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem | Select-Object Name\nFROM a\nRUN echo hi\n';
    const { runs: r } = await runs(text);
    assert.deepEqual(r[0]!.shell, { commands: [], hasPipe: false, hasError: false });
    assert.deepEqual(r[1]!.shell.commands.map((c) => c.name), ['echo']);
  });

  it('reports grammar errors and analyses ONBUILD RUN triggers', async () => {
    const df = await parseDockerfile('FROM a\nRUN echo "unterminated\nONBUILD RUN make && make install\n', 'Dockerfile');
    const run = df.instructions[1] as RunInstruction;
    assert.equal(run.shell.hasError, true);
    const onbuild = df.instructions[2]!;
    assert.ok(onbuild.keyword === 'ONBUILD' && onbuild.trigger.keyword === 'RUN');
    if (onbuild.keyword === 'ONBUILD' && onbuild.trigger.keyword === 'RUN') {
      assert.deepEqual(onbuild.trigger.shell.commands.map((c) => `${c.name} ${at(c.range)}`), ['make 3:13-3:17', 'make 3:21-3:33']);
    }
  });
});
