import { wgetOrCurl } from '../../src/rules/wget-or-curl.js';
import { ruleTests } from './rule-tester.js';

ruleTests(wgetOrCurl, {
  valid: [
    { name: 'a variable tool is not judged', code: 'FROM debian:12\nARG DL=wget\nRUN curl -O https://x/a && $DL https://x/b\n' },
    'FROM debian:12\nRUN curl -fsSLO https://x/a\nRUN curl -fsSLO https://x/b\n',
    { name: 'different stages', code: 'FROM debian:12 AS a\nRUN wget -q https://x/a\nFROM debian:12\nRUN curl -fsSLO https://x/b\n' },
    'FROM debian:12\nRUN apt-get install -y curl=8 wget=1\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN wget -q https://x/a\nRUN curl -fsSLO https://x/b\n', errors: [{ line: 3, column: 5, message: 'not both' }] },
    { name: 'both in one RUN', code: 'FROM debian:12\nRUN curl -fsSL https://x/a | tar -xz && wget -q https://x/b\n', errors: [{ line: 2, column: 5 }] },
    { name: 'each later use', code: 'FROM debian:12\nRUN wget -q https://x/a\nRUN curl -O https://x/b\nRUN wget -q https://x/c\n', errors: [{ line: 3 }, { line: 4 }] },
    { name: 'ONBUILD and heredoc', code: 'FROM debian:12\nONBUILD RUN wget -q https://x/a\nRUN <<EOF\ncurl -O https://x/b\nEOF\n', errors: [{ line: 4 }] },
    { name: 'continuation', code: 'FROM debian:12\nRUN curl -O https://x/a \\\n && wget -q https://x/b\n', errors: [{ line: 2, column: 5 }] },
  ],
});
