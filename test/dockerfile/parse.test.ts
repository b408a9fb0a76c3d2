import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import type { Range } from '../../src/core/position.js';
import type { Instruction } from '../../src/dockerfile/model.js';
import { decodeDockerfile, parseDockerfile } from '../../src/dockerfile/parse.js';

const at = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const parse = (text: string, options = {}) => parseDockerfile(text, 'Dockerfile', options);
/** The instruction type whose keyword union includes K (COPY and ADD share one type). */
type InstructionOf<K extends string, I = Instruction> = I extends { keyword: infer KK } ? (K extends KK ? I : never) : never;
function only<K extends Instruction['keyword']>(ins: Instruction | undefined, keyword: K): InstructionOf<K> {
  assert.ok(ins, 'instruction missing');
  assert.equal(ins.keyword, keyword);
  return ins as InstructionOf<K>;
}

async function rejects(text: string, where: string, message: string | RegExp, options = {}): Promise<void> {
  await assert.rejects(parse(text, options), (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.equal(`${e.file}:${e.line}:${e.column}`, `Dockerfile:${where}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('parser directives', () => {
  it('reads syntax, escape and check at the top, case-insensitively', async () => {
    const df = await parse('# Syntax = docker/dockerfile:1.7\n#ESCAPE=`\n# check=skip=JSONArgsRecommended;error=true\nFROM alpine\n');
    assert.deepEqual(df.directives.map((d) => [d.name, d.value, at(d.range)]), [
      ['syntax', 'docker/dockerfile:1.7', '1:1-1:33'],
      ['escape', '`', '2:1-2:10'],
      ['check', 'skip=JSONArgsRecommended;error=true', '3:1-3:44'],
    ]);
    assert.equal(df.escape, '`');
    assert.deepEqual(df.comments, []);
  });

  it('stops at the first line that is not a directive', async () => {
    const df = await parse('# a comment\n# escape=`\nFROM alpine\n');
    assert.deepEqual(df.directives, []);
    assert.equal(df.escape, '\\');
    assert.deepEqual(df.comments.map((c) => [c.text, at(c.range)]), [
      [' a comment', '1:1-1:12'],
      [' escape=`', '2:1-2:11'],
    ]);
  });

  it('stops at an empty line and at an unknown directive', async () => {
    assert.deepEqual((await parse('\n# escape=`\nFROM a\n')).directives, []);
    const df = await parse('# foo=bar\n# escape=`\nFROM a\n');
    assert.deepEqual(df.directives, []);
  });

  it('skips a BOM and keeps it in the text', async () => {
    const df = await parse('\uFEFF# escape=`\nFROM alpine\n');
    assert.equal(df.escape, '`');
    assert.equal(df.text[0], '\uFEFF');
    assert.equal(at(df.instructions[0]!.range), '2:1-2:12');
  });

  it('rejects a repeated directive and a bad escape token', async () => {
    await rejects('# escape=`\n# escape=\\\nFROM a\n', '2:1', 'only one escape parser directive can be used');
    await rejects('# escape=x\nFROM a\n', '1:1', "invalid escape token 'x' does not match ` or \\");
  });
});

describe('instructions and continuations', () => {
  it('parses keywords case-insensitively with exact ranges', async () => {
    const df = await parse('from alpine:3.20 as Build\n  run echo hi\n');
    const from = only(df.instructions[0], 'FROM');
    assert.equal(from.rawKeyword, 'from');
    assert.equal(from.image, 'alpine:3.20');
    assert.equal(at(from.imageRange), '1:6-1:17');
    assert.equal(from.stageName, 'Build');
    assert.equal(from.asKeyword, 'as');
    assert.equal(at(from.stageNameRange!), '1:21-1:26');
    assert.equal(df.stages[0]!.name, 'build');
    const run = only(df.instructions[1], 'RUN');
    assert.equal(at(run.range), '2:3-2:14');
    assert.equal(at(run.keywordRange), '2:3-2:6');
    assert.equal(at(run.argsRange), '2:7-2:14');
  });

  it('joins continuation lines, skipping comment and empty lines inside them', async () => {
    const text = 'FROM a\nRUN apt-get update && \\\n  # a comment\n\n    apt-get install -y curl\nUSER app\n';
    const df = await parse(text);
    const run = only(df.instructions[1], 'RUN');
    assert.equal(run.args, 'apt-get update &&     apt-get install -y curl');
    assert.equal(at(run.range), '2:1-5:28');
    assert.deepEqual(run.emptyContinuationLines, [4]);
    assert.deepEqual(df.comments.map((c) => at(c.range)), ['3:3-3:14']);
    assert.ok(run.command.form === 'shell');
    if (run.command.form === 'shell') {
      const i = run.command.script.indexOf('install');
      assert.equal(df.text.slice(run.command.toFileOffset(i), run.command.toFileOffset(i) + 7), 'install');
    }
    assert.equal(only(df.instructions[2], 'USER').user, 'app');
  });

  it('does not continue a line that ends with an escaped escape character', async () => {
    const df = await parse('FROM a\nRUN echo foo\\\\\nUSER x\n# escape=`\n');
    assert.deepEqual(df.instructions.map((i) => i.args), ['a', 'echo foo\\\\', 'x']);
    const bt = await parse('# escape=`\nFROM a\nRUN echo a``\nUSER x\nRUN b `\n c\n');
    assert.deepEqual(bt.instructions.map((i) => i.args), ['a', 'echo a``', 'x', 'b  c']);
  });

  it('treats a line holding only the escape character as a continuation', async () => {
    const df = await parse('FROM a\nRUN a \\\n\\\n  b\n');
    assert.equal(df.instructions[1]!.args, 'a   b');
  });

  it('accepts whitespace after the escape character', async () => {
    const df = await parse('FROM a\nRUN echo a \\  \n  b\n');
    assert.equal(df.instructions[1]!.args, 'echo a   b');
  });

  it('handles CRLF line endings', async () => {
    const df = await parse('FROM a\r\nRUN echo a \\\r\n  b\r\nCMD ["x"]\r\n');
    const run = only(df.instructions[1], 'RUN');
    assert.equal(run.args, 'echo a   b');
    assert.equal(at(run.range), '2:1-3:4');
    const cmd = only(df.instructions[2], 'CMD').command;
    assert.ok(cmd.form === 'exec' && cmd.argv[0] === 'x');
    assert.equal(at(df.instructions[2]!.range), '4:1-4:10');
  });

  it('uses the backtick as escape character with # escape=`', async () => {
    const df = await parse('# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir c:\\ `\n  && echo done\n');
    assert.equal(df.instructions[1]!.args, 'dir c:\\   && echo done');
  });

  it('applies the backtick escape to words, values and continuations, not to JSON or heredoc detection', async () => {
    const text = [
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'ENV DIR=C:\\app NAME="a `"b`"" TAB=x` y',
      'COPY ["C:\\\\src", "C:\\\\dst"]',
      'RUN powershell -Command `',
      '    Write-Host hi',
      'RUN <<EOF',
      'echo `',
      'EOF',
      '',
    ].join('\n');
    const df = await parse(text);
    const env = only(df.instructions[1], 'ENV');
    assert.deepEqual(env.pairs.map((p) => [p.key, p.value]), [['DIR', 'C:\\app'], ['NAME', 'a "b"'], ['TAB', 'x y']]);
    const copy = only(df.instructions[2], 'COPY');
    assert.deepEqual([copy.form, copy.sources, copy.destination], ['exec', ['C:\\src'], 'C:\\dst']);
    assert.equal(df.instructions[3]!.args, 'powershell -Command     Write-Host hi');
    const heredoc = only(df.instructions[4], 'RUN');
    assert.equal(heredoc.heredocs[0]!.content, 'echo `\n');
  });

  it('parses flags, bare and with values, and RUN mounts', async () => {
    const df = await parse(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' +
        'RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=\'type=secret,id=npm,"target=/a,b"\' --network=none go build\n' +
        'COPY --link --from=build --chown=app:app --chmod=755 /out /app\n',
    );
    const from = only(df.instructions[0], 'FROM');
    assert.equal(from.platform, '$BUILDPLATFORM');
    assert.deepEqual(from.flags.map((f) => [f.name, f.value, at(f.range)]), [['platform', '$BUILDPLATFORM', '1:6-1:31']]);
    const run = only(df.instructions[1], 'RUN');
    assert.equal(run.mounts.length, 2);
    assert.equal(run.mounts[0]!.type, 'cache');
    assert.equal(run.mounts[0]!.target, '/root/.cache');
    assert.equal(run.mounts[0]!.fields['sharing'], 'locked');
    assert.equal(at(run.mounts[0]!.range), '2:5-2:58');
    assert.equal(run.mounts[1]!.type, 'secret');
    assert.equal(run.mounts[1]!.id, 'npm');
    assert.equal(run.mounts[1]!.target, '/a,b');
    assert.equal(run.network, 'none');
    assert.equal(run.args, 'go build');
    const copy = only(df.instructions[2], 'COPY');
    assert.equal(copy.link, true);
    assert.equal(copy.from, 'build');
    assert.equal(copy.chown, 'app:app');
    assert.equal(copy.chmod, '755');
    assert.deepEqual(copy.sources, ['/out']);
    assert.equal(copy.destination, '/app');
    assert.deepEqual(copy.flags.map((f) => [f.name, f.value]), [['link', null], ['from', 'build'], ['chown', 'app:app'], ['chmod', '755']]);
    assert.deepEqual(copy.sourceRanges!.map(at), ['3:54-3:58']);
    assert.equal(at(copy.destinationRange!), '3:59-3:63');
  });

  it('detects JSON form exactly as BuildKit does', async () => {
    const df = await parse('FROM a\nCMD ["node", "server.js"]\nCMD [node, server.js]\nENTRYPOINT  [ "a\\"b" ]  \nCMD ["x",\nRUN []\n');
    const copyJson = await parse('FROM a\nCOPY ["a b", "/c d/"]\n');
    const cj = only(copyJson.instructions[1], 'COPY');
    assert.deepEqual([cj.form, cj.sources, cj.destination, cj.sourceRanges!.map(at), at(cj.destinationRange!)], ['exec', ['a b'], '/c d/', ['2:7-2:12'], '2:14-2:21']);
    const exec = only(df.instructions[1], 'CMD').command;
    assert.equal(exec.form, 'exec');
    if (exec.form === 'exec') {
      assert.deepEqual(exec.argv, ['node', 'server.js']);
      assert.deepEqual(exec.argRanges!.map(at), ['2:6-2:12', '2:14-2:25']);
    }
    assert.equal(only(df.instructions[2], 'CMD').command.form, 'shell');
    const ep = only(df.instructions[3], 'ENTRYPOINT').command;
    assert.ok(ep.form === 'exec' && ep.argv[0] === 'a"b');
    assert.equal(only(df.instructions[4], 'CMD').command.form, 'shell');
    const trailing = await parse('FROM a\nCMD ["a", "b"] ignored\nCMD ["a" "b"]\n');
    const t1 = only(trailing.instructions[1], 'CMD').command;
    assert.ok(t1.form === 'exec' && t1.argv.join() === 'a,b', 'json.Decoder ignores what follows the array');
    assert.equal(only(trailing.instructions[2], 'CMD').command.form, 'shell');
    const empty = only(df.instructions[5], 'RUN').command;
    assert.ok(empty.form === 'exec' && empty.argv.length === 0);
  });

  it('parses ENV and LABEL pairs, quoted values and the legacy form', async () => {
    const df = await parse('FROM a\nENV A=1 B="two words" C=three\\ words D=\'$x\'\nENV LEGACY some value\nLABEL "com.example.a"="x y" b=c\n');
    const env = only(df.instructions[1], 'ENV');
    assert.deepEqual(env.pairs.map((p) => [p.key, p.value, p.rawValue, p.legacy, at(p.range)]), [
      ['A', '1', '1', false, '2:5-2:8'],
      ['B', 'two words', '"two words"', false, '2:9-2:22'],
      ['C', 'three words', 'three\\ words', false, '2:23-2:37'],
      ['D', '$x', "'$x'", false, '2:38-2:44'],
    ]);
    assert.equal(at(env.pairs[1]!.valueRange!), '2:11-2:22');
    const legacy = only(df.instructions[2], 'ENV');
    assert.deepEqual(legacy.pairs.map((p) => [p.key, p.value, p.legacy, at(p.range)]), [['LEGACY', 'some value', true, '3:5-3:22']]);
    const label = only(df.instructions[3], 'LABEL');
    assert.deepEqual(label.pairs.map((p) => [p.key, p.value]), [['"com.example.a"', 'x y'], ['b', 'c']]);
  });

  it('parses ARG with and without defaults, several per line', async () => {
    const df = await parse('ARG A B=2 C="x y"\nFROM a\nARG A\n');
    const arg = only(df.instructions[0], 'ARG');
    assert.deepEqual(arg.declarations.map((d) => [d.name, d.defaultValue, at(d.range)]), [
      ['A', undefined, '1:5-1:6'],
      ['B', '2', '1:7-1:10'],
      ['C', 'x y', '1:11-1:18'],
    ]);
    assert.equal(arg.declarations[2]!.rawDefault, '"x y"');
    assert.equal(df.globalArgs.length, 1);
    assert.equal(arg.stageIndex, -1);
    assert.equal(df.instructions[2]!.stageIndex, 0);
  });

  it('parses the other instructions', async () => {
    const df = await parse(
      'FROM a\nEXPOSE 80 443/tcp ${PORT}\nWORKDIR /app dir\nVOLUME ["/data", "/logs"]\nVOLUME /a /b\nSTOPSIGNAL SIGTERM\n' +
        'MAINTAINER Jo <jo@example.com>\nHEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
    );
    const expose = only(df.instructions[1], 'EXPOSE');
    assert.deepEqual(expose.ports, ['80', '443/tcp', '${PORT}']);
    assert.deepEqual(expose.portRanges!.map(at), ['2:8-2:10', '2:11-2:18', '2:19-2:26']);
    assert.equal(only(df.instructions[2], 'WORKDIR').path, '/app dir');
    const v1 = only(df.instructions[3], 'VOLUME');
    assert.deepEqual([v1.form, v1.paths], ['exec', ['/data', '/logs']]);
    const v2 = only(df.instructions[4], 'VOLUME');
    assert.deepEqual([v2.form, v2.paths], ['shell', ['/a', '/b']]);
    assert.equal(only(df.instructions[5], 'STOPSIGNAL').signal, 'SIGTERM');
    assert.equal(only(df.instructions[6], 'MAINTAINER').maintainer, 'Jo <jo@example.com>');
    const hc = only(df.instructions[7], 'HEALTHCHECK');
    assert.deepEqual(hc.flags.map((f) => [f.name, f.value]), [['interval', '30s'], ['retries', '3']]);
    assert.ok(hc.command?.form === 'shell');
    if (hc.command?.form === 'shell') {
      assert.equal(hc.command.script, 'curl -f http://localhost/ || exit 1');
      assert.equal(at(hc.command.range), '8:44-8:79');
    }
    assert.equal(only(df.instructions[8], 'HEALTHCHECK').command, null);
    assert.deepEqual(only(df.instructions[9], 'SHELL').argv, ['/bin/bash', '-o', 'pipefail', '-c']);
  });

  it('nests an ONBUILD trigger as an instruction in file coordinates', async () => {
    const df = await parse('FROM a\nONBUILD RUN --mount=type=cache,target=/c make \\\n  all\n');
    const onbuild = only(df.instructions[1], 'ONBUILD');
    const trigger = only(onbuild.trigger, 'RUN');
    assert.equal(trigger.onbuildParent, onbuild);
    assert.equal(at(trigger.range), '2:9-3:6');
    assert.equal(at(trigger.keywordRange), '2:9-2:12');
    assert.equal(trigger.mounts[0]!.target, '/c');
    assert.equal(trigger.args, 'make   all');
    assert.equal(trigger.stageIndex, 0);
    assert.deepEqual(df.stages[0]!.instructions, [onbuild]);
  });
});

describe('heredocs', () => {
  it('reads RUN heredocs with their ranges', async () => {
    const text = 'FROM a\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\nUSER a\n';
    const df = await parse(text);
    const run = only(df.instructions[1], 'RUN');
    assert.equal(run.heredocs.length, 1);
    const h = run.heredocs[0]!;
    assert.deepEqual([h.name, h.stripTabs, h.quoted, h.content], ['EOF', false, false, 'apt-get update\napt-get install -y x\n']);
    assert.equal(at(h.contentRange), '3:1-5:1');
    assert.equal(at(h.range), '2:5-5:4');
    assert.equal(at(run.range), '2:1-5:4');
    assert.equal(df.instructions[2]!.keyword, 'USER');
  });

  it('handles <<-, quoted delimiters and several heredocs', async () => {
    const text = "FROM a\nCOPY <<-\"A\" <<'B' /dest/\n\tline a\n\tA\nline b\nB\n";
    const df = await parse(text);
    const copy = only(df.instructions[1], 'COPY');
    assert.deepEqual(copy.sources, ['<<-"A"', "<<'B'"]);
    assert.equal(copy.destination, '/dest/');
    assert.deepEqual(copy.heredocs.map((h) => [h.name, h.stripTabs, h.quoted, h.content]), [
      ['A', true, true, 'line a\n'],
      ['B', false, true, 'line b\n'],
    ]);
    assert.equal(at(copy.range), '2:1-6:2');
  });

  it('finds heredocs in ADD and ONBUILD RUN, not in other instructions or JSON form', async () => {
    const df = await parse('FROM a\nADD <<EOF /x\nhi\nEOF\nONBUILD RUN <<EOF\necho\nEOF\nLABEL a=<<EOF\nRUN ["cat", "<<EOF"]\n');
    assert.equal(df.instructions[1]!.heredocs.length, 1);
    assert.equal(df.instructions[2]!.heredocs.length, 1);
    assert.equal(df.instructions[3]!.keyword, 'LABEL');
    assert.equal(df.instructions[3]!.heredocs.length, 0);
    assert.equal(df.instructions[4]!.heredocs.length, 0);
  });

  it('keeps each body line ending in heredoc content, as BuildKit does', async () => {
    const df = await parse('FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n');
    assert.equal(df.instructions[1]!.heredocs[0]!.content, 'echo hi\r\n');
  });
});

describe('stages', () => {
  it('builds the stage graph', async () => {
    const df = await parse(
      'ARG V=1\nFROM golang AS Build\nFROM alpine AS tools\nFROM build AS test\nRUN --mount=from=tools,target=/t true\n' +
        'FROM scratch AS unused\nFROM build AS final-base\nFROM final-base\nCOPY --from=1 /a /a\nCOPY --from=nginx:1 /b /b\n',
    );
    assert.deepEqual(
      df.stages.map((s) => [s.index, s.name, s.baseStage, s.dependsOn, s.isFinal, s.reachesFinal, s.inFinalImage]),
      [
        [0, 'build', undefined, [], false, true, true],
        [1, 'tools', undefined, [], false, true, false],
        [2, 'test', 0, [0, 1], false, false, false],
        [3, 'unused', undefined, [], false, false, false],
        [4, 'final-base', 0, [0], false, true, true],
        [5, undefined, 4, [1, 4], true, true, true],
      ],
    );
  });

  it('expands FROM with global args and build args', async () => {
    const text = 'ARG BASE=debian\nARG TAG=12\nFROM ${BASE}:${TAG}-slim\n';
    assert.equal((await parse(text)).stages[0]!.baseImage, 'debian:12-slim');
    assert.equal((await parse(text, { buildArgs: { TAG: '11' } })).stages[0]!.baseImage, 'debian:11-slim');
  });
});

describe('errors', () => {
  it('rejects an empty file and a file of comments', async () => {
    await rejects('', '1:1', 'file with no instructions');
    await rejects('# just a comment\n\n', '1:1', 'file with no instructions');
  });
  it('rejects a file without FROM', async () => {
    await rejects('ARG A=1\n', '1:1', 'dockerfile contains no stages to build');
  });
  it('rejects an unknown instruction', async () => {
    await rejects('FROM a\n  FORM b\n', '2:3', 'unknown instruction: FORM (did you mean FROM?)');
    await rejects('FROM a\nrum x\n', '2:1', 'unknown instruction: rum (did you mean run?)');
    await rejects('FROM a\nFOOBAR x\n', '2:1', 'unknown instruction: FOOBAR');
    await rejects('FROM a\nONBUILD RUNX x\n', '2:9', 'unknown instruction: RUNX (did you mean RUN?)');
  });
  it('rejects an unterminated heredoc', async () => {
    await rejects('FROM a\nRUN cat <<EOF\nhello\n', '2:9', 'unterminated heredoc');
  });
  it('rejects SHELL without JSON', async () => {
    await rejects('FROM a\nSHELL /bin/bash -c\n', '2:7', 'SHELL requires the arguments to be in JSON form');
    await rejects('FROM a\nSHELL ["a", 1]\n', '2:7', 'when using JSON array syntax, arrays must be comprised of strings only');
  });
  it('rejects missing arguments', async () => {
    await rejects('FROM a\nRUN\n', '2:1', 'RUN requires at least one argument');
    await rejects('FROM\n', '1:1', 'FROM requires either one or three arguments');
    await rejects('FROM a b\n', '1:6', 'FROM requires either one or three arguments');
    await rejects('FROM a\nCOPY x\n', '2:6', 'COPY requires at least two arguments, but only one was provided. Destination could not be determined');
    await rejects('FROM a\nCOPY x <<EOF\nhi\nEOF\n', '2:8', 'COPY cannot accept a heredoc as a destination');
    await rejects('FROM a\nUSER\n', '2:1', 'USER requires exactly one argument');
    await rejects('FROM a\nENV\n', '2:1', 'ENV requires at least one argument');
    await rejects('FROM a\nENV A\n', '2:5', 'ENV must have two arguments');
    await rejects('FROM a\nENV A=1 B\n', '2:9', 'Syntax error - can\'t find = in "B". Must be of the form: name=value');
    await rejects('FROM a\nHEALTHCHECK CMD\n', '2:13', 'Missing command after HEALTHCHECK CMD');
    await rejects('FROM a\nHEALTHCHECK RUN x\n', '2:13', 'Unknown type "RUN" in HEALTHCHECK (try CMD)');
    await rejects('FROM a\nHEALTHCHECK --interval=30 CMD x\n', '2:13', 'time: missing unit in duration "30"');
    await rejects('FROM a\nHEALTHCHECK --timeout=5x CMD x\n', '2:13', 'time: unknown unit "x" in duration "5x"');
    await rejects('FROM a\nHEALTHCHECK --start-period=0s CMD x\n', '2:13', 'Interval "start-period" cannot be less than 1ms');
    await rejects('FROM a\nHEALTHCHECK --retries=0 CMD x\n', '2:13', '--retries must be at least 1 (not 0)');
    await rejects('FROM a\nHEALTHCHECK --retries=x CMD x\n', '2:13', 'strconv.ParseInt: parsing "x": invalid syntax');
    const ok = await parse('FROM a\nHEALTHCHECK --interval=1m30s --timeout=.5s --start-period=1.5h CMD x\nHEALTHCHECK --interval=5s NONE\nCMD\n');
    assert.equal(ok.instructions.length, 4);
  });
  it('rejects unknown and malformed flags', async () => {
    await rejects('FROM a\nRUN --mout=type=cache true\n', '2:5', 'unknown flag: mout (did you mean mount?)');
    await rejects('FROM a\nUSER --chown=x app\n', '2:6', 'unknown flag: chown');
    // BuildKit does not check the flags of STOPSIGNAL, ARG and HEALTHCHECK NONE.
    const lax = await parse('FROM a\nSTOPSIGNAL --x SIGTERM\nARG --y A=1\nHEALTHCHECK --z NONE\n');
    assert.deepEqual(lax.instructions.slice(1).map((i) => i.flags.map((f) => f.name)), [['x'], ['y'], ['z']]);
    await rejects('FROM a\nCOPY --from /a /b\n', '2:6', 'missing a value on flag: from');
    await rejects('FROM a\nCOPY --link=maybe /a /b\n', '2:6', 'expecting boolean value for flag link, not: maybe');
  });
  it('rejects a bad stage name', async () => {
    await rejects('FROM a AS 1st\n', '1:11', 'invalid name for build stage: "1st", name can\'t start with a number or contain symbols');
  });
  it('rejects ONBUILD ONBUILD, ONBUILD FROM and instructions before FROM in strict mode', async () => {
    const strict = { strict: true };
    await rejects('FROM a\nONBUILD ONBUILD RUN x\n', '2:9', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', strict);
    await rejects('FROM a\nONBUILD FROM b\n', '2:9', "FROM isn't allowed as an ONBUILD trigger", strict);
    await rejects('LABEL a=b\nFROM a\n', '1:1', 'no build stage in current context', strict);
  });
  it('keeps misplaced instructions by default so lint rules can report them', async () => {
    const df = await parse('LABEL a=b\nFROM a\nONBUILD ONBUILD RUN x\n');
    assert.equal(df.instructions[0]!.stageIndex, -1);
    const onbuild = only(df.instructions[2], 'ONBUILD');
    assert.equal(onbuild.trigger.keyword, 'ONBUILD');
    await rejects('FROM a\nONBUILD ONBUILD ONBUILD RUN x\n', '2:9', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  });
});

describe('decodeDockerfile', () => {
  it('decodes UTF-8 and keeps a BOM', () => {
    assert.equal(decodeDockerfile(Buffer.from('\uFEFFFROM a\n# é\n'), 'Dockerfile'), '\uFEFFFROM a\n# é\n');
  });
  it('rejects UTF-16 with a hint', () => {
    assert.throws(() => decodeDockerfile(Buffer.from('\uFEFFFROM a\n', 'utf16le'), 'f'), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.format(), 'f:1:1: UTF-16 text is not supported: save the Dockerfile as UTF-8');
      return true;
    });
  });
  it('rejects NUL bytes with their position', () => {
    assert.throws(() => decodeDockerfile(Buffer.from('FROM a\nRUN x\0y\n'), 'f'), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.format(), 'f:2:6: binary content (NUL byte): not a Dockerfile');
      return true;
    });
  });
  it('rejects invalid UTF-8 with its position', () => {
    const bytes = Buffer.concat([Buffer.from('FROM a\nLABEL é='), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    assert.throws(() => decodeDockerfile(bytes, 'f'), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.format(), 'f:2:9: invalid UTF-8 (byte 0xc3)');
      return true;
    });
    assert.throws(() => decodeDockerfile(Buffer.from([0x46, 0xed, 0xa0, 0x80]), 'f'), /invalid UTF-8/);
    assert.throws(() => decodeDockerfile(Buffer.from([0x46, 0xe2, 0x82]), 'f'), (e: unknown) => e instanceof InputError && e.format() === 'f:1:2: invalid UTF-8 (byte 0xe2)');
  });
});
