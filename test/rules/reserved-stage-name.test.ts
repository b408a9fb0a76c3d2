import { reservedStageName } from '../../src/rules/reserved-stage-name.js';
import { ruleTests } from './rule-tester.js';

ruleTests(reservedStageName, {
  valid: ['FROM alpine:3.20 AS builder\n', 'FROM alpine:3.20 AS scratchpad\n'],
  invalid: [
    { code: 'FROM alpine:3.20 AS scratch\n', errors: [{ line: 1, column: 21, message: "'scratch'" }] },
    { name: 'context in capitals', code: 'FROM alpine:3.20 AS Context\n', errors: [{ line: 1, message: "'context'" }] },
  ],
});
