import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { runsAsRoot } from '../../src/rules/runs-as-root.js';
import { ruleTests } from './rule-tester.js';

ruleTests(runsAsRoot, {
  valid: [
    'FROM python:3.12-slim\nUSER app\nCMD ["python"]\n',
    'FROM alpine:3.20\nUSER 1000:1000\n',
    'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
    'FROM cgr.dev/chainguard/python:latest\n',
    { name: 'USER root for a step, then back', code: 'FROM debian:bookworm-slim\nUSER root\nRUN apt-get update\nUSER app\n' },
    { name: 'non-root USER set in the parent stage', code: 'FROM node:20-slim AS base\nUSER node\nFROM base\nCMD ["node", "server.js"]\n' },
    { name: 'USER from a variable', code: 'FROM debian:bookworm-slim\nARG UID=10001\nUSER ${UID}\n' },
    { name: 'root only in a builder stage', code: 'FROM golang:1.22 AS build\nUSER root\nFROM scratch\nUSER 65532\n' },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nUSER `\n  app\n' },
  ],
  invalid: [
    { code: 'FROM python:3.12-slim\nCMD ["python"]\n', errors: [{ line: 1, column: 1, message: 'sets no USER' }] },
    { code: 'FROM alpine:3.20\nUSER app\nUSER root\n', errors: [{ line: 3, column: 1, message: 'runs as "root"' }] },
    { code: 'FROM alpine:3.20\nUSER 0:0\n', errors: [{ line: 2, message: 'runs as "0:0"' }] },
    { name: 'USER root from a variable', code: 'FROM alpine:3.20\nARG RUNAS=root\nUSER $RUNAS\n', errors: [{ line: 3, message: '"root"' }] },
    {
      name: 'USER in an unrelated builder stage does not count',
      code: 'FROM node:20-slim AS build\nUSER node\nRUN npm ci\nFROM gcr.io/distroless/nodejs20-debian12\nCOPY --from=build /app /app\n',
      errors: [{ line: 4, message: 'sets no USER' }],
    },
    { name: 'ONBUILD USER does not run in this image', code: 'FROM alpine:3.20\nONBUILD USER app\n', errors: [{ line: 1 }] },
    { name: 'heredoc RUN does not set a user', code: 'FROM alpine:3.20\nRUN <<EOF\nadduser -D app\nEOF\n', errors: [{ line: 1 }] },
  ],
});

async function suggested(code: string): Promise<string> {
  const [finding] = await lintText(code, 'Dockerfile', { rules: [runsAsRoot] });
  assert.ok(finding?.suggestions?.[0], 'a suggestion');
  return applyEdits(code, finding.suggestions[0]!.edits).text;
}

describe('runs-as-root suggestions', () => {
  it('adds a system user on Debian before CMD', async () => {
    assert.equal(
      await suggested('FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n'),
      'FROM python:3.12-slim\nCOPY . /app\nRUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER app\nCMD ["python", "/app/main.py"]\n',
    );
  });
  it('uses adduser on Alpine, at the end when there is no CMD', async () => {
    assert.equal(await suggested('FROM alpine:3.20\nCOPY app /app'), 'FROM alpine:3.20\nCOPY app /app\nRUN addgroup -S app && adduser -S -G app -H -D app\nUSER app\n');
  });
  it('uses the nonroot user of distroless and the node user of node images', async () => {
    assert.equal(await suggested('FROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/app"]\n'), 'FROM gcr.io/distroless/static-debian12\nUSER nonroot\nENTRYPOINT ["/app"]\n');
    assert.equal(await suggested('FROM node:20-alpine\nCMD ["node", "s.js"]\n'), 'FROM node:20-alpine\nUSER node\nCMD ["node", "s.js"]\n');
  });
  it('uses a numeric user on scratch, judging the base through stages', async () => {
    assert.equal(await suggested('FROM scratch AS base\nFROM base\nCMD ["/app"]\n'), 'FROM scratch AS base\nFROM base\nUSER 65532:65532\nCMD ["/app"]\n');
  });
  it('switches after an explicit USER root, leaving the RUNs that need root as they are', async () => {
    assert.equal(
      await suggested('FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nCMD ["/app"]\n'),
      'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nRUN addgroup -S app && adduser -S -G app -H -D app\nUSER app\nCMD ["/app"]\n',
    );
  });
  it('goes to the end when a RUN follows the CMD', async () => {
    assert.equal(
      await suggested('FROM alpine:3.20\nCMD ["/app"]\nRUN apk add --no-cache curl\n'),
      'FROM alpine:3.20\nCMD ["/app"]\nRUN apk add --no-cache curl\nRUN addgroup -S app && adduser -S -G app -H -D app\nUSER app\n',
    );
  });
});
