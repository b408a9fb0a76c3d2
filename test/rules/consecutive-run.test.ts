import { consecutiveRun } from '../../src/rules/consecutive-run.js';
import { ruleTests } from './rule-tester.js';

ruleTests(consecutiveRun, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nRUN make\n',
    { name: 'different stages', code: 'FROM debian:12 AS a\nRUN a\nFROM debian:12\nRUN b\n' },
    { name: 'long RUNs were split on purpose', code: 'FROM debian:12\nRUN a && b && c\nRUN d\n' },
    { name: 'different mounts', code: 'FROM debian:12\nRUN --mount=type=cache,target=/root/.cache pip install -r r.txt\nRUN make\n' },
    { name: 'ONBUILD in between', code: 'FROM debian:12\nRUN a\nONBUILD RUN b\nRUN c\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 3, column: 1, endColumn: 4, message: 'Consider consolidation' }],
      output: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n',
    },
    {
      name: 'three in a row merge in one go',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache bash\nRUN apk add --no-cache curl\nRUN mkdir -p /opt/app\nCMD ["bash"]\n',
      errors: [{ line: 3 }, { line: 4 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache bash && \\\n    apk add --no-cache curl && \\\n    mkdir -p /opt/app\nCMD ["bash"]\n',
    },
    {
      name: 'keeps the indentation of continuation lines and uses the escape character',
      code: '# escape=`\nFROM debian:12\nRUN make `\n  && make test\nRUN make install\n',
      errors: [{ line: 5 }],
      output: '# escape=`\nFROM debian:12\nRUN make `\n  && make test && `\n  make install\n',
    },
    {
      name: 'blank lines between are dropped',
      code: 'FROM debian:12\nRUN a\n\nRUN b\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12\nRUN a && \\\n    b\n',
    },
    { name: 'a comment between: reported, not merged', code: 'FROM debian:12\nRUN a\n# then b\nRUN b\n', errors: [{ line: 4 }], output: 'FROM debian:12\nRUN a\n# then b\nRUN b\n' },
    { name: 'cd in the first would move the second: no fix', code: 'FROM debian:12\nRUN cd /src\nRUN make\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN cd /src\nRUN make\n' },
    { name: 'export in the first: no fix', code: 'FROM debian:12\nRUN export A=1\nRUN make\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN export A=1\nRUN make\n' },
    { name: '|| in the second would hide a failure of the first: no fix', code: 'FROM debian:12\nRUN make\nRUN make test || true\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN make\nRUN make test || true\n' },
    { name: 'same flags: reported, not merged', code: 'FROM debian:12\nRUN --network=none a\nRUN --network=none b\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN --network=none a\nRUN --network=none b\n' },
    { name: 'heredoc: reported, not merged', code: 'FROM debian:12\nRUN a\nRUN <<EOF\nb\nEOF\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN a\nRUN <<EOF\nb\nEOF\n' },
    { name: 'exec form: reported, not merged', code: 'FROM debian:12\nRUN ["a"]\nRUN b\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN ["a"]\nRUN b\n' },
    { name: 'trailing shell comment: no fix', code: 'FROM debian:12\nRUN a # first\nRUN b\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN a # first\nRUN b\n' },
  ],
});
