import { pointlessCommands } from '../../src/rules/pointless-commands.js';
import { ruleTests } from './rule-tester.js';

ruleTests(pointlessCommands, {
  valid: [
    { name: 'a variable program is not judged', code: 'FROM debian:12\nARG T=top\nRUN $T -b -n 1\n' },
    'FROM debian:12\nRUN apt-get install -y vim=2:9.0 openssh-client=1:9.2\n',
    'FROM debian:12\nRUN echo ps top kill\n',
    'FROM debian:12\nCMD ["top"]\n',
    'FROM debian:12\nRUN command -v ssh\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN service nginx start\n', errors: [{ line: 2, column: 5, endColumn: 24, message: '`service`' }] },
    { name: 'several', code: 'FROM debian:12\nRUN ps aux && kill 1 && mount -a\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 15 }, { line: 2, column: 25 }] },
    { name: 'behind sudo', code: 'FROM debian:12\nRUN sudo shutdown -h now\n', errors: [{ line: 2, message: '`shutdown`' }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN ssh host true\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nifconfig\nEOF\n', errors: [{ line: 3, column: 1 }] },
    { name: 'continuation and stages', code: 'FROM debian:12 AS a\nRUN true \\\n && vim -c q\nFROM a\nRUN free -m\n', errors: [{ line: 3 }, { line: 5 }] },
  ],
});
