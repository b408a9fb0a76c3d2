import { exposeProtoCasing } from '../../src/rules/expose-proto-casing.js';
import { ruleTests } from './rule-tester.js';

ruleTests(exposeProtoCasing, {
  valid: ['FROM app:1\nEXPOSE 80/tcp 53/udp 8080\n'],
  invalid: [
    {
      code: 'FROM app:1\nEXPOSE 80/TcP\n',
      errors: [{ line: 2, column: 8, endColumn: 14, message: "'80/TcP'" }],
      output: 'FROM app:1\nEXPOSE 80/tcp\n',
    },
    {
      name: 'several ports, continuation',
      code: 'FROM app:1\nEXPOSE 80/TCP \\\n  53/UDP 443\n',
      errors: [{ line: 2 }, { line: 3, column: 3 }],
      output: 'FROM app:1\nEXPOSE 80/tcp \\\n  53/udp 443\n',
    },
  ],
});
