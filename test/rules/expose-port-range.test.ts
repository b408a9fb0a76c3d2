import { exposePortRange } from '../../src/rules/expose-port-range.js';
import { ruleTests } from './rule-tester.js';

ruleTests(exposePortRange, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp 65535\n',
    { name: 'range within limits', code: 'FROM app:1\nEXPOSE 8000-8010/udp\n' },
    { name: 'variable without value is not judged', code: 'FROM app:1\nARG PORT\nEXPOSE $PORT\n' },
    { name: 'port 0', code: 'FROM app:1\nEXPOSE 0\n' },
  ],
  invalid: [
    { code: 'FROM app:1\nEXPOSE 80 80000\n', errors: [{ line: 2, column: 11, endColumn: 16, message: '80000' }] },
    { name: 'range end out of range', code: 'FROM app:1\nEXPOSE 65000-70000/tcp\n', errors: [{ line: 2, column: 8 }] },
    { name: 'through a variable', code: 'FROM app:1\nENV PORT=99999\nEXPOSE ${PORT}\n', errors: [{ line: 3, message: '${PORT}' }] },
    { name: 'in an ONBUILD trigger', code: 'FROM app:1\nONBUILD EXPOSE 123456\n', errors: [{ line: 2, column: 16 }] },
  ],
});
