import { labelKeyValid } from '../../src/rules/label-key-valid.js';
import { ruleTests } from './rule-tester.js';

ruleTests(labelKeyValid, {
  valid: [
    'FROM debian:12\nLABEL org.opencontainers.image.title="app" maintainer="ops@example.com"\n',
    'FROM debian:12\nLABEL com.example.my-label=1\n',
    { name: 'keys from variables are not judged', code: 'FROM debian:12\nARG K=x\nLABEL ${K}=1\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL Maintainer="me"\n', errors: [{ line: 2, column: 7, message: '`Maintainer`' }] },
    { name: 'reserved namespace and bad separators', code: 'FROM debian:12\nLABEL com.docker.x=1 a..b=2 ok=3 a_b=4\n', errors: [{ line: 2, column: 7 }, { line: 2, column: 22 }, { line: 2, column: 34 }] },
    { name: 'every stage and continuation', code: 'FROM debian:12 AS a\nLABEL good=1 \\\n      Bad=2\nFROM a\nLABEL x.=1\n', errors: [{ line: 3, column: 7 }, { line: 5 }] },
  ],
});
