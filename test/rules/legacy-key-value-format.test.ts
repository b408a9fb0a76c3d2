import { legacyKeyValueFormat } from '../../src/rules/legacy-key-value-format.js';
import { ruleTests } from './rule-tester.js';

ruleTests(legacyKeyValueFormat, {
  valid: ['FROM alpine:3.20\nENV A=1 B="two words"\nLABEL a=b\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nENV APP_HOME /srv/app\n', errors: [{ line: 2, column: 5, message: '"ENV key=value"' }], output: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\n' },
    {
      name: 'value with spaces is quoted',
      code: 'FROM alpine:3.20\nENV GREETING hello big   world\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nENV GREETING="hello big   world"\n',
    },
    { name: 'LABEL', code: 'FROM alpine:3.20\nLABEL maintainer me\n', errors: [{ line: 2, message: 'LABEL' }], output: 'FROM alpine:3.20\nLABEL maintainer=me\n' },
    { name: 'value with its own quotes: reported, not fixed', code: 'FROM alpine:3.20\nENV MSG say "hi" now\n', errors: [{ line: 2 }] },
    { name: 'variable value', code: 'FROM alpine:3.20\nENV PATH /app/bin:$PATH\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nENV PATH=/app/bin:$PATH\n' },
    { name: 'ONBUILD ENV', code: 'FROM alpine:3.20\nONBUILD ENV A 1\n', errors: [{ line: 2, column: 13 }], output: 'FROM alpine:3.20\nONBUILD ENV A=1\n' },
  ],
});
