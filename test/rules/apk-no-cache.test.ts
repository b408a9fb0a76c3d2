import { apkNoCache } from '../../src/rules/apk-no-cache.js';
import { ruleTests } from './rule-tester.js';

ruleTests(apkNoCache, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.20\nRUN apk --no-cache add curl\n',
    { name: 'cache mount', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n' },
    { name: 'builder stage', code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM scratch\nCOPY --from=build /out /out\n' },
    'FROM alpine:3.20\nRUN apk del curl\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl\n',
      errors: [{ line: 2, column: 19, message: '--no-cache' }],
      output: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n',
    },
    { name: 'options before add', code: 'FROM alpine:3.20\nRUN apk -U add curl\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nRUN apk -U add --no-cache curl\n' },
    {
      name: 'stage the final image builds on',
      code: 'FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\n',
    },
    { name: 'ONBUILD', code: 'FROM alpine:3.20\nONBUILD RUN apk add git\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nONBUILD RUN apk add --no-cache git\n' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\napk add git\nEOF\n', errors: [{ line: 3 }], output: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache git\nEOF\n' },
    {
      name: 'continuation',
      code: 'FROM alpine:3.20\nRUN apk add \\\n      git \\\n      curl\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n      git \\\n      curl\n',
    },
  ],
});
