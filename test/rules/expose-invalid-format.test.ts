import { exposeInvalidFormat } from '../../src/rules/expose-invalid-format.js';
import { ruleTests } from './rule-tester.js';

ruleTests(exposeInvalidFormat, {
  valid: ['FROM app:1\nEXPOSE 80 443/tcp 8000-8010\n'],
  invalid: [
    { code: 'FROM app:1\nEXPOSE 80:80\n', errors: [{ line: 2, column: 8, message: "'80:80'" }], output: 'FROM app:1\nEXPOSE 80\n' },
    {
      name: 'ip, host port and protocol',
      code: 'FROM app:1\nEXPOSE 443 127.0.0.1:8080:80/udp\n',
      errors: [{ line: 2, column: 12, message: '80/udp' }],
      output: 'FROM app:1\nEXPOSE 443 80/udp\n',
    },
    { name: 'ipv6', code: 'FROM app:1\nEXPOSE [::1]:8080:80\n', errors: [{ line: 2 }], output: 'FROM app:1\nEXPOSE 80\n' },
  ],
});
