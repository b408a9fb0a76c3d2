import { execFormCmd, literalArgv } from '../../src/rules/exec-form-cmd.js';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ruleTests } from './rule-tester.js';

it('literalArgv accepts plain words only', () => {
  assert.deepEqual(literalArgv('node server.js --port=8080'), ['node', 'server.js', '--port=8080']);
  assert.deepEqual(literalArgv('exec gunicorn app:app'), ['gunicorn', 'app:app']);
  for (const script of ['echo $HOME', 'a && b', 'FOO=1 app', 'cd /x', 'echo "hi"', 'ls *.txt', 'app > log', 'app # c', '']) {
    assert.equal(literalArgv(script), undefined, script);
  }
});

ruleTests(execFormCmd, {
  valid: [
    'FROM node:22\nCMD ["node", "server.js"]\n',
    { name: 'shell form in a build stage does not ship', code: 'FROM node:22 AS build\nCMD node build.js\nFROM nginx:1.27\nCMD ["nginx"]\n' },
    { name: 'SHELL chosen explicitly', code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD echo hello | cat\n' },
    { name: 'SHELL in the stage built on', code: 'FROM alpine:3.20 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nENTRYPOINT run.sh\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCMD node server.js\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: 'CMD' }],
      output: 'FROM node:22\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'exec is dropped',
      code: 'FROM python:3.12\nENTRYPOINT exec gunicorn --bind=0.0.0.0:8000 app:app\n',
      errors: [{ line: 2, message: 'ENTRYPOINT' }],
      output: 'FROM python:3.12\nENTRYPOINT ["gunicorn", "--bind=0.0.0.0:8000", "app:app"]\n',
    },
    { name: 'shell syntax: reported, not fixed', code: 'FROM alpine:3.20\nCMD echo $HOME && sleep 1\n', errors: [{ line: 2 }] },
    {
      name: 'ENTRYPOINT with a CMD in the stage is not rewritten',
      code: 'FROM alpine:3.20\nENTRYPOINT app serve\nCMD ["--port", "80"]\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'CMD under an exec-form ENTRYPOINT is not rewritten',
      code: 'FROM alpine:3.20\nENTRYPOINT ["/entrypoint.sh"]\nCMD app serve\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'multi-line command',
      code: 'FROM node:22\nCMD node \\\n  server.js\n',
      errors: [{ line: 2 }],
      output: 'FROM node:22\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'ONBUILD CMD in the final image',
      code: 'FROM node:22\nONBUILD CMD npm start\nCMD ["node"]\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM node:22\nONBUILD CMD ["npm", "start"]\nCMD ["node"]\n',
    },
    {
      name: 'final stage built on another stage',
      code: 'FROM node:22 AS base\nCMD node a.js\nFROM base\nRUN true\n',
      errors: [{ line: 2 }],
      output: 'FROM node:22 AS base\nCMD ["node", "a.js"]\nFROM base\nRUN true\n',
    },
    {
      name: 'escape=` file',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD app.exe --serve\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe", "--serve"]\n',
    },
  ],
});
