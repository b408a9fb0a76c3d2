import { labelEmail } from '../../src/rules/label-email.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { maintainer: 'email' as const } };

ruleTests(labelEmail, {
  valid: [
    { code: 'FROM debian:12\nLABEL maintainer="ops@example.com"\n', config },
    { name: 'other labels', code: 'FROM debian:12\nLABEL owner="ops team"\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL maintainer="ops team"\n', config, errors: [{ line: 2, column: 7, message: 'RFC5322' }] },
    { name: 'several stages', code: 'FROM debian:12 AS a\nLABEL maintainer=ops@\nFROM a\nLABEL maintainer=@example.com\n', config, errors: [{ line: 2 }, { line: 4 }] },
  ],
});
