import { envSelfReference } from '../../src/rules/env-self-reference.js';
import { ruleTests } from './rule-tester.js';

ruleTests(envSelfReference, {
  valid: [
    'FROM alpine:3.20\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin\n',
    { name: 'extends itself', code: 'FROM alpine:3.20\nENV PATH=/app/bin:$PATH LANG=C.UTF-8\n' },
    { name: 'defined earlier by ENV', code: 'FROM alpine:3.20\nENV A=1\nENV A=2 B=$A\n' },
    { name: 'defined earlier by ARG', code: 'FROM alpine:3.20\nARG A=1\nENV A=2 B=${A}\n' },
    { name: 'longer name sharing a prefix', code: 'FROM alpine:3.20\nENV A=1 B=$AB\n' },
    { name: 'single-quoted is literal', code: "FROM alpine:3.20\nENV A=1 B='$A'\n" },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin\n', errors: [{ line: 2, column: 23, message: 'APP_BIN uses $APP_HOME' }] },
    { name: 'braces, continuation', code: 'FROM alpine:3.20\nENV A=1 \\\n    B=${A}-x\n', errors: [{ line: 3, column: 5 }] },
    { name: 'ONBUILD ENV', code: 'FROM alpine:3.20\nONBUILD ENV A=1 B=$A\n', errors: [{ line: 2 }] },
    { name: 'defined in another stage only', code: 'FROM alpine:3.20 AS a\nENV A=0\nFROM alpine:3.20\nENV A=1 B=$A\n', errors: [{ line: 4 }] },
  ],
});
