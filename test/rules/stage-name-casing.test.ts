import { stageNameCasing } from '../../src/rules/stage-name-casing.js';
import { ruleTests } from './rule-tester.js';

ruleTests(stageNameCasing, {
  valid: ['FROM golang:1.23 AS build-cli\nFROM scratch\nCOPY --from=build-cli /a /a\n'],
  invalid: [
    {
      code: 'FROM golang:1.23 AS Builder\nRUN go build -o /app\nFROM Builder AS Test\nFROM scratch\nCOPY --from=Builder /app /app\nRUN --mount=type=cache,from=Builder,target=/x true\n',
      errors: [
        { line: 1, column: 21, endColumn: 28, message: "'Builder'" },
        { line: 3, column: 17, message: "'Test'" },
      ],
      output:
        'FROM golang:1.23 AS builder\nRUN go build -o /app\nFROM builder AS test\nFROM scratch\nCOPY --from=builder /app /app\nRUN --mount=type=cache,from=builder,target=/x true\n',
    },
    {
      name: 'references to another stage or an image are left alone',
      code: 'FROM alpine:3.20 AS Base\nFROM alpine:3.20 AS other\nCOPY --from=other /a /a\nCOPY --from=Base /b /b\n',
      errors: [{ line: 1 }],
      output: 'FROM alpine:3.20 AS base\nFROM alpine:3.20 AS other\nCOPY --from=other /a /a\nCOPY --from=base /b /b\n',
    },
  ],
});
