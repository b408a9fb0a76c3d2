import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { lastCommandStart, literalWords, shellFormEntrypoint } from '../../src/rules/shell-form-entrypoint.js';
import { ruleTests } from './rule-tester.js';

ruleTests(shellFormEntrypoint, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    'FROM alpine:3.20\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD nginx -g "daemon off;"\n',
    'FROM alpine:3.20\nENTRYPOINT ["sh", "-c", "./migrate && exec ./server"]\n',
    'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "exec ./server --port $PORT"]\n',
    { name: 'shell form whose last command is exec', code: 'FROM alpine:3.20\nCMD cd /app && exec ./server "$@"\n' },
    { name: 'shell-form CMD only in a builder stage', code: 'FROM golang:1.22 AS build\nCMD go test ./...\nFROM scratch\nENTRYPOINT ["/app"]\n' },
    { name: 'inherited exec-form ENTRYPOINT', code: 'FROM alpine:3.20 AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nCMD ./server\n' },
    { name: 'heredoc RUN before an exec-form CMD', code: 'FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\nCMD ["./server"]\n' },
    { name: 'no CMD or ENTRYPOINT at all', code: 'FROM alpine:3.20\nRUN true\n' },
    { name: 'npm for a one-off tool', code: 'FROM node:20-slim\nENTRYPOINT ["npm", "--version"]\n' },
    { name: 'ONBUILD CMD does not run here', code: 'FROM alpine:3.20\nCMD ["./server"]\nONBUILD CMD ./other\n' },
  ],
  invalid: [
    { code: 'FROM node:20-slim\nCMD node server.js\n', errors: [{ line: 2, column: 1, message: 'CMD in shell form' }], output: 'FROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { code: 'FROM alpine:3.20\nENTRYPOINT /usr/bin/app --port 8080\n', errors: [{ line: 2, message: 'ENTRYPOINT in shell form' }], output: 'FROM alpine:3.20\nENTRYPOINT ["/usr/bin/app", "--port", "8080"]\n' },
    {
      name: 'quotes that do not change meaning',
      code: "FROM alpine:3.20\nCMD echo 'hello world' \"--flag=x\"\n",
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nCMD ["echo", "hello world", "--flag=x"]\n',
    },
    {
      name: 'continuation lines',
      code: 'FROM alpine:3.20\nCMD ./server \\\n  --port 80\n',
      errors: [{ line: 2, endLine: 3 }],
      output: 'FROM alpine:3.20\nCMD ["./server", "--port", "80"]\n',
    },
    {
      name: 'escape=` continuation',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD app.exe `\n  --serve\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe", "--serve"]\n',
    },
    { name: 'a comment inside the continuation: no fix', code: 'FROM alpine:3.20\nCMD ./server \\\n# the port\n  --port 80\n', errors: [{ line: 2 }] },
    { name: 'a SHELL was chosen: no fix', code: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nCMD ./server\n', errors: [{ line: 3, message: '"/bin/bash -c"' }] },
    { name: 'variables need a shell: no fix', code: 'FROM alpine:3.20\nCMD ./server --port $PORT\n', errors: [{ line: 2, message: 'exec' }] },
    { name: 'operators: no fix', code: 'FROM alpine:3.20\nCMD ./migrate && ./server\n', errors: [{ line: 2 }] },
    { name: 'ENTRYPOINT with a CMD: exec form would change the arguments', code: 'FROM alpine:3.20\nENTRYPOINT ./server\nCMD ["--help"]\n', errors: [{ line: 2 }] },
    { name: 'sh -c without exec', code: 'FROM alpine:3.20\nENTRYPOINT ["sh", "-c", "./migrate && ./server"]\n', errors: [{ line: 2, message: "not exec'd" }] },
    { name: 'bash -c with a pipeline', code: 'FROM debian:bookworm-slim\nCMD ["/bin/bash", "-c", "./server | tee log"]\n', errors: [{ line: 2 }] },
    { name: 'CMD from the parent stage', code: 'FROM alpine:3.20 AS base\nCMD ./server\nFROM base\nRUN true\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20 AS base\nCMD ["./server"]\nFROM base\nRUN true\n' },
    { name: 'npm start as PID 1', code: 'FROM node:20-slim\nCMD ["npm", "start"]\n', errors: [{ line: 2, message: '"npm start"' }] },
    { name: 'yarn run script as PID 1', code: 'FROM node:20-slim\nENTRYPOINT ["yarn", "run", "serve"]\n', errors: [{ line: 2, message: '"yarn run serve"' }] },
    { name: 'last of several CMDs', code: 'FROM alpine:3.20\nCMD ["./a"]\nCMD ./b\n', errors: [{ line: 3 }], output: 'FROM alpine:3.20\nCMD ["./a"]\nCMD ["./b"]\n' },
  ],
});

async function suggested(code: string): Promise<string> {
  const [finding] = await lintText(code, 'Dockerfile', { rules: [shellFormEntrypoint] });
  assert.ok(finding?.suggestions?.[0], 'a suggestion');
  return applyEdits(code, finding.suggestions[0]!.edits).text;
}

describe('shell-form-entrypoint suggestions', () => {
  it('prefixes the last command of a shell form with exec', async () => {
    assert.equal(await suggested('FROM alpine:3.20\nCMD ./migrate && ./server --port $PORT\n'), 'FROM alpine:3.20\nCMD ./migrate && exec ./server --port $PORT\n');
  });
  it('prefixes the last command inside an exec-form sh -c script', async () => {
    assert.equal(
      await suggested('FROM alpine:3.20\nENTRYPOINT ["sh", "-c", "./migrate; ./server"]\n'),
      'FROM alpine:3.20\nENTRYPOINT ["sh", "-c", "./migrate; exec ./server"]\n',
    );
  });
  it('maps through JSON escapes in the script', async () => {
    assert.equal(
      await suggested('FROM alpine:3.20\nCMD ["sh", "-c", "echo \\"hi\\" && ./server"]\n'),
      'FROM alpine:3.20\nCMD ["sh", "-c", "echo \\"hi\\" && exec ./server"]\n',
    );
  });
  it('gives no exec suggestion for a pipeline', async () => {
    const [finding] = await lintText('FROM alpine:3.20\nCMD ./server | tee /log\n', 'Dockerfile', { rules: [shellFormEntrypoint] });
    assert.deepEqual(finding?.suggestions ?? [], []);
  });
});

describe('shell-form-entrypoint leaves unsafe rewrites alone', () => {
  for (const code of [
    'FROM alpine:3.20\nCMD ./server \\\n# the port\n  --port 80\n',
    'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nCMD ./server\n',
    'FROM alpine:3.20\nCMD ./server --port $PORT\n',
    'FROM alpine:3.20\nENTRYPOINT ./server\nCMD ["--help"]\n',
    'FROM alpine:3.20\nCMD FOO=1 ./server\n',
  ]) {
    it(`no fix: ${code.split('\n').slice(1).join(' | ')}`, async () => {
      const findings = await lintText(code, 'Dockerfile', { rules: [shellFormEntrypoint] });
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.fix, undefined);
      assert.equal(findings[0]!.fixable, false);
    });
  }
});

describe('literalWords', () => {
  it('splits plain words and refuses what needs a shell', () => {
    assert.deepEqual(literalWords('node  server.js --port=80'), ['node', 'server.js', '--port=80']);
    for (const s of ['a $B', 'a *.js', 'a > log', 'a; b', 'FOO=1 app', 'a "$x"', 'a `b`', 'a \\\nb', 'exec app', 'a # c', 'a ~/x']) {
      assert.equal(literalWords(s), undefined, s);
    }
  });
  it('finds the last command of a list', () => {
    assert.equal(lastCommandStart('a && b'), 5);
    assert.equal(lastCommandStart('a; "x;y"'), 3);
    assert.equal(lastCommandStart('a | b'), undefined);
  });
});
