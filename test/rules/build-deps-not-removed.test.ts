import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { buildDepsNotRemoved } from '../../src/rules/build-deps-not-removed.js';
import { ruleTests } from './rule-tester.js';

ruleTests(buildDepsNotRemoved, {
  valid: [
    'FROM python:3.8-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install -r /r.txt && apk del .build-deps\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y libpq-dev && pip install psycopg2 && apt-get purge -y --auto-remove libpq-dev\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y curl ca-certificates\n',
    { name: 'builder stage', code: 'FROM python:3.8-alpine AS builder\nRUN apk add gcc python3-dev musl-dev\nFROM python:3.8-alpine\nCOPY --from=builder /install /usr/local\n' },
    { name: 'variable list removed', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y $BUILD_DEPS && make && apt-get remove -y $BUILD_DEPS\n' },
  ],
  invalid: [
    { code: 'FROM python:3.8-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install -r /r.txt\n', errors: [{ line: 2, column: 5, message: '".build-deps"' }] },
    { code: 'FROM python:3.8-alpine\nRUN apk update && apk --no-cache add libpq gcc python3-dev musl-dev linux-headers postgresql-dev\n', errors: [{ line: 2, column: 19, message: 'python3-dev, musl-dev, linux-headers, postgresql-dev' }] },
    { code: 'FROM debian:bookworm-slim\nRUN apt-get install -y build-essential\n', errors: [{ line: 2, message: 'build-essential' }] },
    { code: 'FROM fedora:40\nRUN dnf install -y openssl-devel\n', errors: [{ line: 2, message: 'openssl-devel' }] },
    { name: 'removed in a later RUN', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y libffi-dev\nRUN apt-get purge -y libffi-dev\n', errors: [{ line: 2 }] },
    { name: 'final FROM the stage that installs', code: 'FROM alpine:3.20 AS base\nRUN apk add zlib-dev\nFROM base\n', errors: [{ line: 2 }] },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD RUN apk add zlib-dev\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\napk add --virtual .deps gcc\nmake\nEOF\n', errors: [{ line: 3 }] },
    { name: 'escape=`', code: '# escape=`\nFROM alpine:3.20\nRUN apk add `\n  zlib-dev\n', errors: [{ line: 3 }] },
  ],
});

describe('build-deps-not-removed suggestions', () => {
  const suggested = async (code: string) => {
    const [finding] = await lintText(code, 'Dockerfile', { rules: [buildDepsNotRemoved] });
    assert.ok(finding?.suggestions?.[0], 'a suggestion');
    return applyEdits(code, finding.suggestions[0]!.edits).text;
  };
  it('appends apk del of the virtual group', async () => {
    assert.equal(
      await suggested('FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev \\\n && pip install -r /r.txt\nCMD ["python"]\n'),
      'FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev \\\n && pip install -r /r.txt && apk del --no-network .build-deps\nCMD ["python"]\n',
    );
  });
  it('appends apt-get purge of the -dev packages', async () => {
    assert.equal(
      await suggested('FROM debian:bookworm-slim\nRUN apt-get install -y curl libpq-dev=15.* && make\n'),
      'FROM debian:bookworm-slim\nRUN apt-get install -y curl libpq-dev=15.* && make && apt-get purge -y --auto-remove libpq-dev\n',
    );
  });
  it('offers nothing for a heredoc', async () => {
    const [finding] = await lintText('FROM alpine:3.20\nRUN <<EOF\napk add gcc-dev\nEOF\n', 'Dockerfile', { rules: [buildDepsNotRemoved] });
    assert.deepEqual(finding?.suggestions ?? [], []);
  });
});
