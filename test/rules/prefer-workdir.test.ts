import { preferWorkdir } from '../../src/rules/prefer-workdir.js';
import { ruleTests } from './rule-tester.js';

ruleTests(preferWorkdir, {
  valid: [
    { name: 'a variable program is not judged', code: 'FROM debian:12\nARG C=cd\nRUN $C /tmp\n' },
    'FROM golang:1.23\nWORKDIR /src\nRUN go build ./...\n',
    'FROM debian:12\nRUN echo cd /tmp\n',
    'FROM debian:12\nRUN make -C /src\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN cd /src && go build ./...\n', errors: [{ line: 2, column: 5, endColumn: 12, message: 'WORKDIR' }] },
    { name: 'subshell', code: 'FROM debian:12\nRUN (cd /src && make)\n', errors: [{ line: 2, column: 6 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN cd /app && make\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\ncd /src\nmake\nEOF\n', errors: [{ line: 3 }] },
    { name: 'continuation', code: 'FROM debian:12\nRUN set -e \\\n && cd /src \\\n && make\n', errors: [{ line: 3, column: 5 }] },
    { name: 'every stage', code: 'FROM debian:12 AS a\nRUN cd /x && make\nFROM scratch\nCOPY --from=a /x /x\n', errors: [{ line: 2 }] },
  ],
});
