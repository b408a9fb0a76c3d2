import { multipleHealthcheck } from '../../src/rules/multiple-healthcheck.js';
import { ruleTests } from './rule-tester.js';

ruleTests(multipleHealthcheck, {
  valid: ['FROM app:1\nHEALTHCHECK CMD ["true"]\n', 'FROM app:1 AS a\nHEALTHCHECK NONE\nFROM a\nHEALTHCHECK CMD ["true"]\n'],
  invalid: [{ code: 'FROM app:1\nHEALTHCHECK NONE\nHEALTHCHECK CMD curl -f http://localhost/\n', errors: [{ line: 2, message: 'HEALTHCHECK' }] }],
});
