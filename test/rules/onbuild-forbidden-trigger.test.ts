import { onbuildForbiddenTrigger } from '../../src/rules/onbuild-forbidden-trigger.js';
import { ruleTests } from './rule-tester.js';

ruleTests(onbuildForbiddenTrigger, {
  valid: ['FROM alpine:3.20\nONBUILD RUN make\nONBUILD COPY . /src\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nONBUILD ONBUILD RUN make\n', errors: [{ line: 2, column: 9, endColumn: 16, message: 'ONBUILD' }] },
    { name: 'FROM', code: 'FROM alpine:3.20\nONBUILD FROM debian:12\n', errors: [{ line: 2, message: 'FROM' }] },
    { name: 'MAINTAINER, lower case', code: 'FROM alpine:3.20\nonbuild maintainer me\n', errors: [{ line: 2, column: 9, message: 'MAINTAINER' }] },
  ],
});
