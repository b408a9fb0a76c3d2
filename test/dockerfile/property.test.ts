/**
 * Property tests: generated and mutated Dockerfiles never crash or hang the parser (it returns or throws
 * InputError), every parsed file prints back byte for byte, and every range lies inside its instruction.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors.js';
import type { Range } from '../../src/core/position.js';
import type { Dockerfile, Instruction } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { printDockerfile } from '../../src/dockerfile/print.js';
import { expandWord } from '../../src/dockerfile/variables.js';
import { fixturesDir } from '../helpers/paths.js';

function corpusFiles(dir = join(fixturesDir, 'corpus')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...corpusFiles(path));
    else out.push(path);
  }
  return out;
}

const within = (inner: Range, outer: Range): boolean =>
  inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset && inner.start.offset <= inner.end.offset;

function checkInvariants(df: Dockerfile, text: string): void {
  assert.equal(printDockerfile(df), text);
  const check = (ins: Instruction): void => {
    assert.equal(text.slice(ins.range.start.offset, ins.range.end.offset), ins.text);
    assert.ok(within(ins.keywordRange, ins.range), 'keyword range');
    assert.ok(within(ins.argsRange, ins.range), 'args range');
    for (const f of ins.flags) assert.ok(within(f.range, ins.range), 'flag range');
    if (ins.keyword === 'RUN') {
      for (const c of ins.shell.commands) {
        assert.ok(within(c.range, ins.range), `command ${c.name} outside its RUN`);
        assert.equal(text.slice(c.range.start.offset, c.range.end.offset), c.text);
        for (const w of c.words) {
          assert.ok(within(w.range, ins.range), `word ${w.raw} outside its RUN`);
          // Top-level words on one line map one to one: the file text of the range is the word as written.
          const slice = text.slice(w.range.start.offset, w.range.end.offset);
          if (c.depth === 0 && !/[\r\n]/.test(slice)) assert.equal(slice, w.raw, 'word range');
        }
      }
    }
    if (ins.keyword === 'ONBUILD') check(ins.trigger);
  };
  for (const ins of df.instructions) check(ins);
}

/** Parses; an InputError is an acceptable outcome, anything else fails the property. */
const outcomes = { parsed: 0, rejected: 0 };
async function parseChecked(text: string): Promise<Dockerfile | null> {
  try {
    const df = await parseDockerfile(text, 'Dockerfile');
    checkInvariants(df, text);
    outcomes.parsed++;
    return df;
  } catch (e) {
    if (e instanceof InputError) {
      outcomes.rejected++;
      assert.equal(e.file, 'Dockerfile');
      assert.ok(Number.isInteger(e.line) && e.line! >= 1, 'error line');
      assert.ok(Number.isInteger(e.column) && e.column! >= 1, 'error column');
      return null;
    }
    throw e;
  }
}

// A grammar of Dockerfile pieces, rich in the characters that matter to the parser.
const keyword = fc.constantFrom(
  'FROM', 'from', 'RUN', 'Run', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'WORKDIR',
  'VOLUME', 'SHELL', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER', 'ONBUILD', 'ONBUILD RUN', 'ONBUILD ONBUILD', 'FORM',
);
const token = fc.constantFrom(
  'alpine:3.20', 'AS', 'build', 'apt-get', 'install', '-y', '&&', '||', ';', '|', '&', 'echo', '"a b"', "'c d'", '$A', '${A:-x}',
  '${', '}', '"', "'", '\\', '`', 'A=1', 'B="x y"', '=', '--mount=type=cache,target=/c', '--from=build', '--link',
  '--platform=linux/amd64', '--bad', '["sh", "-c", "echo hi"]', '["a",', '[1]', '[]', '<<EOF', '<<-EOF', '<<"EOF"',
  "<<'X'", 'sh', '-c', '$(date)', '#', 'é', '\t', 'NONE', 'CMD', '/app', '.', '80/tcp', '{', '(', ')', '*',
);
const args = fc.array(token, { maxLength: 8 }).map((t) => t.join(' '));
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n');
const shellToken = fc.constantFrom(
  'apt-get', 'install', '-y', 'curl', '&&', '||', ';', '|', 'echo', '"a b"', "'c d'", '$A', '${A:-x}', '$(date)', 'sh', '-c',
  '"apt-get install x && rm -rf /y"', '>', '/dev/null', '2>&1', 'if', 'then', 'fi', '(', ')', '{', '}', 'é', '\\"', '*.txt',
);
const shellArgs = fc.array(shellToken, { minLength: 1, maxLength: 10 }).map((t) => t.join(' '));
const word = fc.constantFrom('a', 'b1', '/app', './src', 'x.txt', '$A', '${B}', '"q w"');
const validLine = fc.oneof(
  shellArgs.map((a) => `RUN ${a}`),
  fc.tuple(fc.constantFrom('', '--mount=type=cache,target=/c ', '--network=none '), shellArgs).map(([f, a]) => `RUN ${f}${a}`),
  fc.tuple(shellArgs, shellArgs).map(([a, b]) => `RUN ${a} \\\n  ${b}`),
  fc.tuple(fc.constantFrom('', '--link ', '--from=base ', '--chown=1:1 '), word, word).map(([f, a, b]) => `COPY ${f}${a} ${b}`),
  fc.tuple(word, word).map(([a, b]) => `ENV K=${a} L=${b}`),
  fc.tuple(word, word).map(([a, b]) => `ARG N=${a} M ${b.replace(/\W/g, '') || 'O'}`),
  fc.constantFrom('FROM alpine AS second', 'FROM base', 'USER app', 'WORKDIR /w', 'CMD ["a", "b"]', 'EXPOSE 80', 'SHELL ["/bin/bash", "-c"]'),
  shellArgs.map((a) => `RUN <<EOF\n${a}\nEOF`),
  shellArgs.map((a) => `RUN bash <<-EOF\n\t${a}\n\tEOF`),
  shellArgs.map((a) => `ONBUILD RUN ${a}`),
);
const line = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(validLine, eol).map(([l, e]) => l.replace(/\n/g, e) + e) },
  { weight: 1, arbitrary: fc.tuple(keyword, args, eol).map(([k, a, e]) => `${k} ${a}${e}`) },
  { weight: 1, arbitrary: fc.tuple(keyword, args, args, eol).map(([k, a, b, e]) => `${k} ${a} \\${e}  ${b}${e}`) },
  { weight: 1, arbitrary: fc.tuple(keyword, args, eol).map(([k, a, e]) => `${k} ${a} \\${e}# inside${e}${e}  more${e}`) },
  { weight: 1, arbitrary: fc.tuple(args, eol).map(([a, e]) => `RUN <<EOF${e}${a}${e}EOF${e}`) },
  { weight: 1, arbitrary: fc.tuple(args, eol).map(([a, e]) => `COPY <<-X /dst${e}\t${a}${e}\tX${e}`) },
  { weight: 1, arbitrary: fc.tuple(args, eol).map(([a, e]) => `# ${a}${e}`) },
  { weight: 1, arbitrary: fc.constantFrom('\n', '   \n', '\t\r\n') },
);
const header = fc.constantFrom('', '\uFEFF', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '# escape=\\\n# check=error=true\n', '\uFEFF# escape=`\r\n');
const dockerfile = fc
  .tuple(header, fc.nat(4), fc.array(line, { maxLength: 14 }), fc.boolean())
  .map(([h, from, lines, dropLastEol]) => {
    let text = h + (from > 0 ? 'FROM debian:12 AS base\n' : '') + lines.join('');
    if (dropLastEol) text = text.replace(/\r?\n$/, '');
    return text;
  });

const mutationChars = ['\\', '`', '"', "'", '\n', '\r', '\t', ' ', '#', '<', '[', ']', '$', '{', '}', '=', '-', '\0', 'é', '\uFEFF'];

describe('parser properties', () => {
  it('parses every corpus file and prints it back byte for byte', async () => {
    const files = corpusFiles();
    assert.ok(files.length > 50, 'corpus present');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const df = await parseDockerfile(text, file);
      checkInvariants(df, text);
    }
  });

  it('never crashes on Dockerfiles generated from a grammar, and round-trips them', async () => {
    await fc.assert(
      fc.asyncProperty(dockerfile, async (text) => {
        await parseChecked(text);
      }),
      { numRuns: 400, seed: 20261123 },
    );
    // The grammar must mostly produce files that parse, or the round trip is barely exercised.
    assert.ok(outcomes.parsed > outcomes.rejected, `parsed ${outcomes.parsed}, rejected ${outcomes.rejected}`);
  });

  it('never crashes on mutated real Dockerfiles, and round-trips them', async () => {
    const texts = corpusFiles().map((f) => readFileSync(f, 'utf8'));
    const mutation = fc.oneof(
      fc.tuple(fc.nat(), fc.constantFrom(...mutationChars)).map(([at, ch]) => (t: string) => t.slice(0, at % (t.length + 1)) + ch + t.slice(at % (t.length + 1))),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, n]) => (t: string) => t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + n)),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
        const lines = t.split('\n');
        const i = a % lines.length;
        lines.splice(b % lines.length, 0, lines[i]!);
        return lines.join('\n');
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (pick, mutations) => {
        let text = texts[pick % texts.length]!;
        for (const m of mutations) text = m(text);
        await parseChecked(text);
      }),
      { numRuns: 400, seed: 1123 },
    );
  });

  it('survives hostile nesting without a stack overflow', async () => {
    const chain = await parseChecked('FROM a\nRUN x' + ' && x'.repeat(20000) + '\n');
    const run = chain!.instructions[1]!;
    assert.ok(run.keyword === 'RUN' && run.shell.hasError, 'an absurdly deep script is flagged, not analysed');
    await parseChecked('FROM a\nRUN echo ' + '$('.repeat(3000) + 'x' + ')'.repeat(3000) + '\n');
    assert.equal(await parseChecked('FROM a\n' + 'ONBUILD '.repeat(20000) + 'RUN x\n'), null);
    await parseChecked('FROM a\nENV A=' + '${A:-'.repeat(20000) + '}'.repeat(20000) + '\n');
    assert.equal(await parseChecked('FROM a\nCMD ' + '['.repeat(100000) + ']'.repeat(100000) + '\n'), null);
    const directive = await parseChecked('# syntax=x' + ' '.repeat(200000) + 'y\nFROM a\n');
    assert.equal(directive!.directives[0]!.value.length, 200002);
    const deep = expandWord('${A:-'.repeat(20000) + '}'.repeat(20000), new Map());
    assert.equal(deep.error?.endsWith('substitution nested too deeply'), true);
  });

  it('expandWord never throws on arbitrary words', () => {
    const vars = new Map([['A', 'x'], ['B', '']]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('$', '{', '}', ':', '-', '+', '?', '#', '%', '/', 'A', 'B', '"', "'", '\\', ' ', 'x'), { maxLength: 20 }), (chars) => {
        const r = expandWord(chars.join(''), vars);
        assert.equal(typeof r.value, 'string');
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
