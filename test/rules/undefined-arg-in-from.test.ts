import { undefinedArgInFrom } from '../../src/rules/undefined-arg-in-from.js';
import { ruleTests } from './rule-tester.js';

ruleTests(undefinedArgInFrom, {
  valid: [
    'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine\n',
    { name: 'platform args are predefined', code: 'FROM --platform=$BUILDPLATFORM golang:1.23\nFROM build_${TARGETARCH}\n' },
    { name: 'declared without default', code: 'ARG TAG\nFROM alpine:${TAG:-3.20}\n' },
    { name: 'escaped dollar', code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    { code: 'FROM node:${NODE_VERSION}-alpine\n', errors: [{ line: 1, column: 6, message: "'NODE_VERSION' is not declared" }] },
    { name: 'typo suggestion', code: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}\n', errors: [{ line: 2, message: 'did you mean NODE_VERSION?' }] },
    { name: 'ARG declared in a stage is not global', code: 'FROM alpine:3.20\nARG TAG=1\nFROM busybox:$TAG\n', errors: [{ line: 3 }] },
    { name: 'in --platform', code: 'FROM --platform=$PLATFORM alpine:3.20\n', errors: [{ line: 1, message: 'PLATFORM' }] },
    { name: 'build args do not declare', code: 'FROM alpine:$TAG\n', config: { buildArgs: { TAG: '3.20' } }, errors: [{ line: 1 }] },
  ],
});
