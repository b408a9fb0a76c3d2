import { useraddNoLogInit } from '../../src/rules/useradd-no-log-init.js';
import { ruleTests } from './rule-tester.js';

ruleTests(useraddNoLogInit, {
  valid: [
    'FROM debian:12\nRUN useradd -u 1000 app\n',
    'FROM debian:12\nRUN useradd -l -u 123456789 app\n',
    'FROM debian:12\nRUN useradd --no-log-init --uid=123456789 app\n',
    'FROM debian:12\nRUN useradd -r app\n',
    { name: 'low UID from an ARG', code: 'FROM debian:12\nARG UID=1000\nRUN useradd -u $UID app\n' },
    { name: 'UID the Dockerfile does not define', code: 'FROM debian:12\nRUN useradd -u "$HOST_UID" app\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN useradd -u 123456789 app\n', errors: [{ line: 2, column: 5, message: '-l' }], output: 'FROM debian:12\nRUN useradd -l -u 123456789 app\n' },
    { name: 'high UID from an ARG', code: 'FROM debian:12\nARG UID=100000\nRUN useradd --uid ${UID} app\n', errors: [{ line: 3 }], output: 'FROM debian:12\nARG UID=100000\nRUN useradd -l --uid ${UID} app\n' },
    { name: 'attached value', code: 'FROM debian:12\nRUN useradd -u999999 app\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN useradd -l -u999999 app\n' },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN useradd -u 1000000 app\n', errors: [{ line: 2 }], output: 'FROM debian:12\nONBUILD RUN useradd -l -u 1000000 app\n' },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nuseradd -u 1000000 app\nEOF\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN <<EOF\nuseradd -l -u 1000000 app\nEOF\n' },
    { name: 'continuation', code: 'FROM debian:12\nRUN useradd \\\n    -u 1000000 app\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN useradd -l \\\n    -u 1000000 app\n' },
  ],
});
