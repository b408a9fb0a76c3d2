import { instructionOrder } from '../../src/rules/instruction-order.js';
import { ruleTests } from './rule-tester.js';

ruleTests(instructionOrder, {
  valid: [
    'FROM alpine:3.20\nRUN true\n',
    { name: 'ARG, comments and directives first', code: '# syntax=docker/dockerfile:1\n# comment\nARG V=3.20\nFROM alpine:${V}\n' },
  ],
  invalid: [
    { code: 'LABEL team=web\nFROM nginx:1.27\n', errors: [{ line: 1, column: 1, endColumn: 6, message: 'LABEL' }] },
    { name: 'after a global ARG', code: 'ARG X=1\nENV Y=2\nFROM nginx:1.27\n', errors: [{ line: 2 }] },
  ],
});
