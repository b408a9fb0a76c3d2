import { fromPlatformConstant } from '../../src/rules/from-platform-constant.js';
import { ruleTests } from './rule-tester.js';

ruleTests(fromPlatformConstant, {
  valid: [
    'FROM alpine:3.20\n',
    { name: 'BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n' },
    { name: 'braced, quoted variables', code: 'FROM --platform="${TARGETOS}/${TARGETARCH}" alpine:3.20\n' },
    {
      name: 'stage named for its platform',
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build-arm64\n',
    },
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 alpine:3.20 AS base\n', errors: [{ line: 1, column: 6, endColumn: 28, message: '"linux/amd64"' }] },
    { name: 'unnamed stage', code: 'FROM --platform=linux/arm64/v8 debian:12\n', errors: [{ line: 1, message: 'linux/arm64/v8' }] },
  ],
});
