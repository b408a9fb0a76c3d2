import { stageNameUnique } from '../../src/rules/stage-name-unique.js';
import { ruleTests } from './rule-tester.js';

ruleTests(stageNameUnique, {
  valid: ['FROM golang:1.23 AS build\nFROM alpine:3.20 AS run\n', 'FROM a:1\nFROM b:1\n'],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nFROM node:22 AS build\n',
      errors: [{ line: 2, column: 17, endColumn: 22, message: 'line 1' }],
    },
    { name: 'case-insensitive', code: 'FROM a:1 AS Build\nFROM b:1 AS build\nFROM c:1 AS BUILD\n', errors: [{ line: 2 }, { line: 3 }] },
  ],
});
