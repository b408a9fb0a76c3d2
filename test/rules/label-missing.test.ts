import { labelMissing } from '../../src/rules/label-missing.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.version': 'semver' as const, maintainer: 'email' as const } };

ruleTests(labelMissing, {
  valid: [
    { name: 'no schema, no check', code: 'FROM debian:12\nCMD ["bash"]\n' },
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0 maintainer=ops@example.com\n', config },
    { name: 'inherited from the stage it is built on', code: 'FROM debian:12 AS base\nLABEL org.opencontainers.image.version=1.0.0\nLABEL maintainer=ops@example.com\nFROM base\nCMD ["x"]\n', config },
    { name: 'a builder stage only copied from is not an image', code: 'FROM golang:1.23 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nLABEL org.opencontainers.image.version=1.0.0 maintainer=ops@example.com\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL maintainer=ops@example.com\n', config, errors: [{ line: 1, column: 1, message: '`org.opencontainers.image.version` is missing' }] },
    { name: 'each missing label', code: 'FROM debian:12\nCMD ["bash"]\n', config, errors: [{ line: 1, message: 'version' }, { line: 1, message: 'maintainer' }] },
    {
      name: 'a stage nothing uses is an image too',
      code: 'FROM debian:12 AS debug\nRUN true\nFROM debian:12\nLABEL org.opencontainers.image.version=1.0.0 maintainer=a@b.c\n',
      config,
      errors: [{ line: 1 }, { line: 1 }],
    },
    { name: 'labels of an unrelated stage do not count', code: 'FROM debian:12 AS a\nLABEL org.opencontainers.image.version=1.0.0 maintainer=a@b.c\nFROM debian:12\nCOPY --from=a /x /x\n', config, errors: [{ line: 3 }, { line: 3 }] },
  ],
});
