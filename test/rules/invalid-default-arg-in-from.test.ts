import { invalidDefaultArgInFrom } from '../../src/rules/invalid-default-arg-in-from.js';
import { ruleTests } from './rule-tester.js';

ruleTests(invalidDefaultArgInFrom, {
  valid: [
    'ARG TAG=1.36\nFROM busybox:${TAG}\n',
    { name: 'empty variant is still valid', code: 'ARG VARIANT\nFROM busybox:stable${VARIANT}\n' },
    { name: 'fallback in the reference', code: 'ARG TAG\nFROM alpine:${TAG:-3.14}\n' },
    { name: 'stage name built from a platform arg', code: 'FROM alpine:3.20 AS build_amd64\nFROM build_${TARGETARCH}\n' },
    { name: 'default built from another ARG', code: 'ARG V=3.20\nARG IMAGE=alpine:${V}\nFROM $IMAGE\n' },
  ],
  invalid: [
    { code: 'ARG TAG\nFROM busybox:${TAG}\n', errors: [{ line: 2, column: 6, message: 'ARG TAG' }] },
    { name: 'empty image', code: 'ARG BASE\nFROM ${BASE}\n', errors: [{ line: 2, message: 'empty or invalid' }] },
    { name: 'build args are not defaults', code: 'ARG TAG\nFROM busybox:${TAG}\n', config: { buildArgs: { TAG: '1.36' } }, errors: [{ line: 2 }] },
    { name: 'upper-case repository', code: 'ARG ORG=MyOrg\nFROM ${ORG}/app:1\n', errors: [{ line: 2 }] },
  ],
});
