import { labelEmpty } from '../../src/rules/label-empty.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.version': 'semver' as const } };

ruleTests(labelEmpty, {
  valid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0\n', config },
    { name: 'labels outside the schema', code: 'FROM debian:12\nLABEL other=""\n', config },
    { name: 'a variable set at build time', code: 'FROM debian:12\nLABEL org.opencontainers.image.version=$VERSION\n', config },
    { name: 'no schema', code: 'FROM debian:12\nLABEL org.opencontainers.image.version=""\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=""\n', config, errors: [{ line: 2, column: 7, message: 'is empty' }] },
    { name: 'empty after expansion', code: 'FROM debian:12\nARG VERSION=\nLABEL org.opencontainers.image.version=$VERSION\n', config, errors: [{ line: 3 }] },
    { name: 'several stages', code: 'FROM debian:12 AS a\nLABEL org.opencontainers.image.version=""\nFROM a\nLABEL org.opencontainers.image.version=""\n', config, errors: [{ line: 2 }, { line: 4 }] },
  ],
});
