import { lastUserRoot } from '../../src/rules/last-user-root.js';
import { ruleTests } from './rule-tester.js';

ruleTests(lastUserRoot, {
  valid: [
    'FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER app\n',
    { name: 'no USER at all is not this rule', code: 'FROM alpine:3.20\nRUN apk add curl\n' },
    { name: 'root in a build stage does not ship', code: 'FROM golang:1.23 AS build\nUSER root\nFROM gcr.io/distroless/static\nUSER nonroot\n' },
    { name: 'build stage root, final stage has no USER', code: 'FROM golang:1.23 AS build\nUSER root\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'root user name in a longer name', code: 'FROM alpine:3.20\nUSER rootless\n' },
    { name: 'ONBUILD USER root is for child images', code: 'FROM alpine:3.20\nUSER app\nONBUILD USER root\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nUSER app\nUSER root\n', errors: [{ line: 3, column: 6, message: 'root' }] },
    { name: 'uid 0 with group', code: 'FROM alpine:3.20\nUSER 0:0\n', errors: [{ line: 2 }] },
    { name: 'root:group', code: 'FROM alpine:3.20\nUSER root:wheel\n', errors: [{ line: 2 }] },
    {
      name: 'inherited from the stage the final image is built on',
      code: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN id\n',
      errors: [{ line: 2 }],
    },
    { name: 'through a variable', code: 'FROM alpine:3.20\nARG RUN_AS=root\nUSER $RUN_AS\n', errors: [{ line: 3 }] },
  ],
});
