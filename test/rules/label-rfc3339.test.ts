import { labelRfc3339 } from '../../src/rules/label-rfc3339.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' as const } };

ruleTests(labelRfc3339, {
  valid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"\n', config },
    { name: 'build-time value', code: 'FROM debian:12\nARG CREATED\nLABEL org.opencontainers.image.created=$CREATED_AT\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.created="01/05/2024 12:00"\n', config, errors: [{ line: 2, column: 7, message: 'RFC3339' }] },
    { name: 'date only', code: 'FROM debian:12\nARG D=2024-05-01\nLABEL org.opencontainers.image.created=$D\n', config, errors: [{ line: 3 }] },
    { name: 'several stages, ONBUILD not checked', code: 'FROM debian:12 AS a\nONBUILD LABEL org.opencontainers.image.created=x\nLABEL org.opencontainers.image.created=2024\nFROM a\n', config, errors: [{ line: 3 }] },
  ],
});
