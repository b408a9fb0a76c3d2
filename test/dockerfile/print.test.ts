import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { printDockerfile } from '../../src/dockerfile/print.js';

const tricky = [
  '\uFEFF# syntax=docker/dockerfile:1\r\n  # escape=\\\r\n\r\n# a comment\r\nARG A=1\r\n',
  'FROM alpine AS base   \r\n',
  '\t RUN echo a \\\r\n  # inside\r\n\r\n    && echo b   \r\n',
  'COPY <<-EOF <<"X" /dst/\n\tbody\n\tEOF\nx\nX\n',
  'ONBUILD RUN <<EOF\necho on\nEOF\n',
  '   \n\t\n',
  '# trailing comment without newline',
].join('');

describe('printDockerfile', () => {
  it('regenerates a tricky file byte for byte from its nodes', async () => {
    const df = await parseDockerfile(tricky, 'Dockerfile');
    assert.equal(printDockerfile(df), tricky);
    assert.ok(df.trivia!.every((t) => /^[\uFEFF\s]*$/u.test(t.text)), 'trivia is whitespace only');
  });

  it('round-trips a file without a final newline and one with only an instruction', async () => {
    for (const text of ['FROM a\nRUN x', 'FROM a', 'FROM a\n\n\n', '\n\nFROM a \\\n']) {
      assert.equal(printDockerfile(await parseDockerfile(text, 'Dockerfile')), text);
    }
  });

  it('prints from the nodes, not from the original text', async () => {
    const df = await parseDockerfile('FROM a\nRUN echo hi\n', 'Dockerfile');
    const run = df.instructions[1]!;
    // Editing a node changes the output.
    run.text = run.text.replace('hi', 'ho');
    assert.equal(printDockerfile(df), 'FROM a\nRUN echo ho\n');
  });

  it('refuses nodes that do not tile the file', async () => {
    const df = await parseDockerfile('FROM a\nRUN echo hi\n', 'Dockerfile');
    const run = df.instructions[1]!;
    run.range = { start: { ...run.range.start, offset: run.range.start.offset + 1 }, end: run.range.end };
    assert.throws(() => printDockerfile(df), /do not tile the file/);
    const again = await parseDockerfile('FROM a\nRUN echo hi\n', 'Dockerfile');
    again.trivia!.push({ text: 'x', range: again.instructions[0]!.range });
    assert.throws(() => printDockerfile(again), /not whitespace/);
  });
});
