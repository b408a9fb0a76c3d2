import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../src/lint/engine.js';
import { missingDockerignore } from '../../src/rules/missing-dockerignore.js';
import type { BuildContext } from '../../src/rules/types.js';
import { ruleTests } from './rule-tester.js';

const goodNode = '.git\n**/node_modules\nnpm-debug.log\n';

ruleTests(missingDockerignore, {
  valid: [
    { name: 'no build context known', code: 'FROM node:20-slim\nCOPY . .\n' },
    { name: 'only named files copied', code: 'FROM node:20-slim\nCOPY package.json server.js ./\n', context: { 'package.json': '{}' } },
    { name: 'good .dockerignore for node', code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci\n', context: { '.dockerignore': goodNode, 'package.json': '{}' } },
    { name: 'python caches ignored', code: 'FROM python:3.12-slim\nCOPY . /app\n', context: { '.dockerignore': '.git\n**/__pycache__\n.venv\n', 'requirements.txt': '' } },
    { name: 'whole copy only in an unused stage', code: 'FROM alpine:3.20 AS unused\nCOPY . .\nFROM alpine:3.20\nCOPY app /app\n', context: { 'app': '' } },
    { name: 'COPY --from is not the context', code: 'FROM alpine:3.20 AS a\nRUN true\nFROM alpine:3.20\nCOPY --from=a . .\n', context: { 'app': '' } },
    { name: 'ONBUILD COPY copies the child build\'s context', code: 'FROM alpine:3.20\nONBUILD COPY . /app\n', context: { 'x': '' } },
    { name: 'heredoc COPY', code: 'FROM alpine:3.20\nCOPY <<EOF /app/config\nkey=value\nEOF\n', context: { 'x': '' } },
  ],
  invalid: [
    { code: 'FROM node:20-slim\nCOPY . .\n', context: { 'package.json': '{}' }, errors: [{ line: 2, column: 1, message: 'there is no .dockerignore' }] },
    { code: 'FROM alpine:3.20\nADD . /app\n', context: { 'a.txt': '' }, errors: [{ line: 2, message: 'ADD copies' }] },
    {
      name: 'node_modules only ignored at the top is enough, but .git is missing',
      code: 'FROM node:20-slim\nCOPY . .\n',
      context: { '.dockerignore': 'node_modules\n', 'package.json': '{}' },
      errors: [{ line: 2, message: 'the git history (.git)' }],
    },
    {
      name: 'node stack without node_modules in .dockerignore',
      code: 'FROM node:20-slim\nCOPY ./ /app/\nRUN npm ci\n',
      context: { '.dockerignore': '.git\n', 'package.json': '{}' },
      errors: [{ line: 2, message: 'Add: **/node_modules' }],
    },
    {
      name: 'nested __pycache__ needs **',
      code: 'FROM python:3.12-slim\nCOPY . /app\n',
      context: { '.dockerignore': '.git\n__pycache__\n.venv\n', 'requirements.txt': '' },
      errors: [{ line: 2, message: '**/__pycache__' }],
    },
    {
      name: 'build output present in the context',
      code: 'FROM golang:1.22\nCOPY . .\n',
      context: { '.dockerignore': '.git\n', 'go.mod': '', 'dist/app': '' },
      errors: [{ line: 2, message: 'build output (dist)' }],
    },
    { name: 'negation lets it back in', code: 'FROM node:20-slim\nCOPY . .\n', context: { '.dockerignore': '.git\n**/node_modules\n!node_modules/left-pad\n', 'package.json': '' }, errors: [{ line: 2 }] },
    { name: 'final stage FROM the stage that copies', code: 'FROM alpine:3.20 AS base\nCOPY . /src\nFROM base\n', context: { 'x': '' }, errors: [{ line: 2 }] },
    { name: 'source from a variable', code: 'FROM alpine:3.20\nARG SRC=./\nCOPY $SRC /app\n', context: { 'x': '' }, errors: [{ line: 3 }] },
    { name: 'escape=`', code: '# escape=`\nFROM alpine:3.20\nCOPY . `\n  /app\n', context: { 'x': '' }, errors: [{ line: 3 }] },
  ],
});

/** A build context over a file list where directories exist when a file is under them (hidden ones too). */
function contextOf(files: Record<string, string>): BuildContext {
  const paths = Object.keys(files);
  return {
    dir: '/ctx',
    dockerignore: files['.dockerignore'] ?? null,
    exists: (p) => {
      const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
      return paths.some((f) => f === clean || f.startsWith(`${clean}/`));
    },
  };
}

describe('missing-dockerignore with hidden directories in the context', () => {
  it('names what would go into the image when there is no .dockerignore', async () => {
    const findings = await lintText('FROM python:3.12-slim\nCOPY . /app\n', 'Dockerfile', {
      rules: [missingDockerignore],
      buildContext: contextOf({ '.git/HEAD': '', '.venv/bin/python': '', 'venv/bin/python': '', 'requirements.txt': '', 'app/main.py': '' }),
    });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /\.git, \.venv, venv would go into the image/);
  });
  it('reports a venv the context holds and .dockerignore lets through', async () => {
    const findings = await lintText('FROM python:3.12-slim\nCOPY . /app\n', 'Dockerfile', {
      rules: [missingDockerignore],
      buildContext: contextOf({ '.dockerignore': '.git\n**/__pycache__\n.venv\n', 'venv/bin/python': '', 'requirements.txt': '' }),
    });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /a virtualenv \(venv\)/);
  });
  it('is quiet when everything present is ignored', async () => {
    const findings = await lintText('FROM node:20-slim\nCOPY . .\n', 'Dockerfile', {
      rules: [missingDockerignore],
      buildContext: contextOf({ '.dockerignore': '.git\n**/node_modules\ndist\n', '.git/HEAD': '', 'node_modules/a/index.js': '', 'dist/x.js': '', 'package.json': '' }),
    });
    assert.deepEqual(findings, []);
  });
});
