import { copyFromUndefinedStage } from '../../src/rules/copy-from-undefined-stage.js';
import { ruleTests } from './rule-tester.js';

ruleTests(copyFromUndefinedStage, {
  valid: [
    'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\n',
    { name: 'case-insensitive stage name', code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=Build /app /app\n' },
    { name: 'stage index', code: 'FROM golang:1.23\nFROM scratch\nCOPY --from=0 /app /app\n' },
    { name: 'image reference', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n' },
    { name: 'image with registry', code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/org/tools /bin/tool /bin/\n' },
    { name: 'its own stage is copy-from-own-stage', code: 'FROM alpine:3.20 AS build\nCOPY --from=build /a /a\n' },
    { name: 'stage name through a global ARG', code: 'ARG SRC=build\nFROM golang:1.23 AS build\nFROM scratch\nARG SRC\nCOPY --from=$SRC /app /app\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=biuld /out/app /app\n',
      errors: [{ line: 3, column: 13, endColumn: 18, message: 'did you mean build?' }],
    },
    { name: 'stage defined later', code: 'FROM alpine:3.20\nCOPY --from=later /a /a\nFROM alpine:3.20 AS later\n', errors: [{ line: 2, message: 'at or after' }] },
    { name: 'index of a later stage', code: 'FROM alpine:3.20\nCOPY --from=1 /a /a\nFROM alpine:3.20\n', errors: [{ line: 2, message: 'stage 0' }] },
  ],
});
