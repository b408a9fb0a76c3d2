import { labelSuperfluous } from '../../src/rules/label-superfluous.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.version': 'semver' as const }, strictLabels: true };

ruleTests(labelSuperfluous, {
  valid: [
    { name: 'not strict', code: 'FROM debian:12\nLABEL anything=1\n', config: { labelSchema: config.labelSchema } },
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0 build-host=ci-7\n', config, errors: [{ line: 2, column: 46, message: '`build-host`' }] },
    { name: 'every stage', code: 'FROM debian:12 AS a\nLABEL x=1\nFROM a\nLABEL y=2\n', config, errors: [{ line: 2 }, { line: 4 }] },
  ],
});
