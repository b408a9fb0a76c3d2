import { labelSpdx } from '../../src/rules/label-spdx.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' as const } };

ruleTests(labelSpdx, {
  valid: [
    { name: 'unknown variable is not judged', code: 'FROM debian:12\nLABEL org.opencontainers.image.licenses=$LICENSE\n', config },
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.licenses="Apache-2.0"\n', config },
    { name: 'expression', code: 'FROM debian:12\nLABEL org.opencontainers.image.licenses="MIT OR Apache-2.0"\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.licenses="Apache License 2"\n', config, errors: [{ line: 2, column: 7, message: 'SPDX' }] },
    { name: 'unknown id', code: 'FROM debian:12\nLABEL org.opencontainers.image.licenses=MITX\n', config, errors: [{ line: 2 }] },
    { name: 'expanded, several stages', code: 'FROM debian:12 AS a\nARG L=GPL\nLABEL org.opencontainers.image.licenses=$L\nFROM a\nLABEL org.opencontainers.image.licenses=MIT\n', config, errors: [{ line: 3 }] },
  ],
});
