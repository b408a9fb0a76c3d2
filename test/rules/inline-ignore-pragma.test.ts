import { inlineIgnorePragma } from '../../src/rules/inline-ignore-pragma.js';
import { ruleTests } from './rule-tester.js';

const enabled = { severityOverrides: { DL1001: 'info' as const } };

ruleTests(inlineIgnorePragma, {
  valid: [
    { name: 'off by default (opt-in)', code: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n' },
    { name: 'plain comments are not pragmas', code: 'FROM alpine:3.20\n# install curl\nRUN apk add curl\n', config: enabled },
    { name: 'enabled by its whittle id too, no pragma', code: 'FROM alpine:3.20\n', config: { severityOverrides: { 'inline-ignore-pragma': 'warning' as const } } },
  ],
  invalid: [
    {
      name: 'hadolint pragma reported when enabled',
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n',
      config: enabled,
      errors: [{ line: 2, column: 1, message: 'DL3018' }],
    },
    {
      name: 'whittle and global pragmas',
      code: '# whittle global ignore=from-latest\nFROM alpine:latest\n# whittle ignore=DL3018,DL3019\nRUN apk add curl\n',
      config: { severityOverrides: { 'inline-ignore-pragma': 'warning' as const } },
      errors: [{ line: 1, message: 'from-latest' }, { line: 3, message: 'DL3018, DL3019' }],
    },
  ],
});
