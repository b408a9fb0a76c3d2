import { wgetProgress } from '../../src/rules/wget-progress.js';
import { ruleTests } from './rule-tester.js';

ruleTests(wgetProgress, {
  valid: [
    { name: 'quiet flag from an ARG is not judged as missing', code: 'FROM debian:12\nARG Q=-q\nRUN wget $Q --progress=bar https://x/a\n' },
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    'FROM debian:12\nRUN wget -q https://example.com/a.tgz\n',
    'FROM debian:12\nRUN wget -qO- https://example.com/a.sh\n',
    'FROM debian:12\nRUN wget -nv https://example.com/a.tgz && wget --no-verbose https://example.com/b\n',
    'FROM debian:12\nRUN wget -o /tmp/log https://example.com/a.tgz\n',
    'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN wget https://example.com/a.tgz\n', errors: [{ line: 2, column: 5, message: '--progress=dot:giga' }] },
    { name: '-O is not quiet', code: 'FROM debian:12\nRUN wget -O /tmp/a https://example.com/a\n', errors: [{ line: 2 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN wget https://example.com/a\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nwget https://example.com/a\nEOF\n', errors: [{ line: 3 }] },
    { name: 'continuation', code: 'FROM debian:12\nRUN true \\\n && wget https://example.com/a\n', errors: [{ line: 3, column: 5 }] },
    { name: 'every stage', code: 'FROM debian:12 AS a\nRUN wget https://x/a\nFROM scratch\nCOPY --from=a /a /a\n', errors: [{ line: 2 }] },
  ],
});
