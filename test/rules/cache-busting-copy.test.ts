import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { cacheBustingCopy } from '../../src/rules/cache-busting-copy.js';
import { memoryContext, ruleTests } from './rule-tester.js';

const node = { 'package.json': '{}', 'package-lock.json': '{}', 'server.js': '' };

ruleTests(cacheBustingCopy, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    'FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\n',
    'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -e /app\n',
    'FROM node:20-slim\nCOPY . .\nRUN npm install express\n',
    { name: 'COPY --from a stage', code: 'FROM node:20 AS build\nRUN true\nFROM node:20-slim\nCOPY --from=build . .\nRUN npm ci\n' },
    { name: 'install in another stage', code: 'FROM node:20 AS a\nCOPY . .\nFROM node:20 AS b\nRUN npm ci\n' },
    { name: 'cargo-chef cooked the dependencies first', code: 'FROM rust:1.77 AS chef\nRUN cargo install cargo-chef\nCOPY recipe.json .\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n' },
    { name: 'install before the copy', code: 'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...\n' },
  ],
  invalid: [
    { code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', errors: [{ line: 3, column: 1, message: '"npm ci" (line 4)' }] },
    { code: 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n', errors: [{ line: 2, message: 'requirements.txt' }] },
    { code: 'FROM golang:1.22\nADD . /src\nWORKDIR /src\nRUN go mod download && go build -o /app .\n', errors: [{ line: 2, message: 'go mod download' }] },
    { code: 'FROM ruby:3.3\nCOPY ./ /app/\nWORKDIR /app\nRUN bundle install\n', errors: [{ line: 2, message: 'Gemfile' }] },
    { code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B dependency:go-offline\n', errors: [{ line: 2, message: 'pom.xml' }] },
    { code: 'FROM rust:1.77\nCOPY . .\nRUN cargo build --release\n', errors: [{ line: 2, message: 'cargo build' }] },
    { code: 'FROM composer:2\nCOPY . .\nRUN composer install --no-dev\n', errors: [{ line: 2 }] },
    { name: 'source from a variable', code: 'FROM node:20-slim\nARG SRC=.\nCOPY ${SRC} /app\nWORKDIR /app\nRUN npm ci\n', errors: [{ line: 3 }] },
    { name: 'two whole copies before one install: reported once', code: 'FROM node:20\nCOPY . .\nCOPY . /other\nRUN npm ci\n', errors: [{ line: 2 }] },
    { name: 'two installs after one copy', code: 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt && npm ci\n', errors: [{ line: 2, message: 'pip' }, { line: 2, message: 'npm ci' }] },
    { name: 'ONBUILD triggers', code: 'FROM node:20-slim\nONBUILD COPY . /app\nONBUILD RUN npm install\n', errors: [{ line: 2, message: 'npm install' }] },
    { name: 'heredoc install', code: 'FROM node:20-slim\nCOPY . .\nRUN <<EOF\nnpm ci\nEOF\n', errors: [{ line: 2 }] },
    { name: 'escape=`', code: '# escape=`\nFROM node:20-slim\nCOPY . `\n  .\nRUN npm ci\n', errors: [{ line: 3, endLine: 4 }] },
  ],
});

async function suggested(code: string, files: Record<string, string>): Promise<string | undefined> {
  const [finding] = await lintText(code, 'Dockerfile', { rules: [cacheBustingCopy], buildContext: memoryContext(files) });
  assert.ok(finding, 'a finding');
  const s = finding.suggestions?.[0];
  return s ? applyEdits(code, s.edits).text : undefined;
}

describe('cache-busting-copy suggestions', () => {
  it('moves a lone install before the copy, with the manifests that exist', async () => {
    assert.equal(
      await suggested('FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n', node),
      'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    );
  });
  it('keeps the rest of a compound RUN where it was', async () => {
    assert.equal(
      await suggested('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n', { 'package.json': '{}' }),
      'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    );
  });
  it('copies the requirements file an absolute -r names', async () => {
    assert.equal(
      await suggested('FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\n', { 'requirements.txt': '' }),
      'FROM python:3.12-slim\nCOPY requirements.txt /app/\nRUN pip install --no-cache-dir -r /app/requirements.txt\nCOPY . /app\n',
    );
  });
  it('keeps --chown on the manifest COPY', async () => {
    assert.equal(
      await suggested('FROM node:20-slim\nWORKDIR /home/node/app\nCOPY --chown=node:node . .\nUSER node\nRUN npm ci\n', node),
      undefined,
      'a USER between them blocks the move',
    );
    assert.equal(
      await suggested('FROM node:20-slim\nUSER node\nWORKDIR /home/node/app\nCOPY --chown=node:node . .\nRUN npm ci\n', node),
      'FROM node:20-slim\nUSER node\nWORKDIR /home/node/app\nCOPY --chown=node:node package.json package-lock.json ./\nRUN npm ci\nCOPY --chown=node:node . .\n',
    );
  });
  it('keeps RUN flags on the moved install', async () => {
    assert.equal(
      await suggested('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go mod download && go build -o /app\n', { 'go.mod': '', 'go.sum': '' }),
      'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app\n',
    );
  });
  it('prefetches for cargo build instead of moving it', async () => {
    assert.equal(
      await suggested('FROM rust:1.77\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n', { 'Cargo.toml': '', 'Cargo.lock': '' }),
      'FROM rust:1.77\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo fetch\nCOPY . .\nRUN cargo build --release\n',
    );
  });
  it('does not move an install past a WORKDIR', async () => {
    assert.equal(await suggested('FROM node:20\nCOPY . /app\nWORKDIR /app\nRUN npm ci\n', node), undefined);
  });
  it('says nothing exact when the manifest is not in the context', async () => {
    assert.equal(await suggested('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', { 'main.go': '' }), undefined);
  });
  it('has no suggestion without a build context', async () => {
    const [finding] = await lintText('FROM node:20\nCOPY . .\nRUN npm ci\n', 'Dockerfile', { rules: [cacheBustingCopy] });
    assert.deepEqual(finding?.suggestions ?? [], []);
  });
});
