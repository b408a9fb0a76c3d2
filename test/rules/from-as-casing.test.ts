import { fromAsCasing } from '../../src/rules/from-as-casing.js';
import { ruleTests } from './rule-tester.js';

ruleTests(fromAsCasing, {
  valid: [
    'FROM debian:12 AS builder\n',
    'from debian:12 as builder\n',
    { name: 'no stage name', code: 'FROM debian:12\n' },
    { name: 'mixed-case FROM is another rule', code: 'From debian:12 as builder\n' },
  ],
  invalid: [
    { code: 'FROM debian:12 as builder\n', errors: [{ line: 1, column: 16, endColumn: 18, message: "'as' and 'FROM'" }], output: 'FROM debian:12 AS builder\n' },
    { name: 'lower-case from', code: 'from debian:12 AS builder\n', errors: [{ line: 1 }], output: 'from debian:12 as builder\n' },
    {
      name: 'with --platform flag and extra spaces',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.23   As   build\n',
      errors: [{ line: 1, column: 46 }],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.23   AS   build\n',
    },
  ],
});
