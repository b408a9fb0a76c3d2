import { apkPinVersions } from '../../src/rules/apk-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(apkPinVersions, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0 bash~5.2\n',
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0\n',
    'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/pkg.apk\n',
    'FROM alpine:3.20\nRUN apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing -t .deps x=1\n',
    { name: 'version through ARG', code: 'FROM alpine:3.20\nARG CURL=8.12.1-r0\nRUN apk add --no-cache curl=$CURL\n' },
    'FROM alpine:3.20\nRUN apk update && apk del curl\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', errors: [{ line: 2, column: 5, message: '`curl` has no version' }] },
    { name: 'virtual name skipped, packages checked', code: 'FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev=1\n', errors: [{ line: 2, message: '`gcc` has' }] },
    { name: 'ONBUILD', code: 'FROM alpine:3.20\nONBUILD RUN apk add git\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\napk add git\nEOF\n', errors: [{ line: 3 }] },
    { name: 'continuation and stages', code: 'FROM alpine:3.20 AS a\nRUN apk add \\\n  git\nFROM a\nRUN apk add curl=1\n', errors: [{ line: 2 }] },
  ],
});
