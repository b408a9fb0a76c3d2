import { labelSemver } from '../../src/rules/label-semver.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.version': 'semver' as const } };

ruleTests(labelSemver, {
  valid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.4.2\n', config },
    { name: 'pre-release', code: 'FROM debian:12\nARG V=2.0.0-rc.1\nLABEL org.opencontainers.image.version=$V\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.version=v1.4\n', config, errors: [{ line: 2, column: 7, message: 'semantic versioning' }] },
    { name: 'ONBUILD labels are not checked, others are', code: 'FROM debian:12\nONBUILD LABEL org.opencontainers.image.version=x\nLABEL org.opencontainers.image.version=1.4\n', config, errors: [{ line: 3 }] },
  ],
});
