import { fromPlatformRedundant } from '../../src/rules/from-platform-redundant.js';
import { ruleTests } from './rule-tester.js';

ruleTests(fromPlatformRedundant, {
  valid: ['FROM --platform=$BUILDPLATFORM golang:1.23\n', 'FROM alpine:3.20\n', 'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n'],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20 AS base\n',
      errors: [{ line: 1, column: 6, message: '$TARGETPLATFORM' }],
      output: 'FROM alpine:3.20 AS base\n',
    },
    { name: 'braces', code: 'FROM --platform=${TARGETPLATFORM}   alpine:3.20\n', errors: [{ line: 1 }], output: 'FROM alpine:3.20\n' },
  ],
});
