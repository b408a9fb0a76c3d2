import { noSudo } from '../../src/rules/no-sudo.js';
import { ruleTests } from './rule-tester.js';

ruleTests(noSudo, {
  valid: [
    { name: 'a variable program is not judged', code: 'FROM debian:12\nARG S=sudo\nRUN $S make\n' },
    'FROM debian:12\nRUN apt-get install -y sudo=1.9.13p3-1\n',
    'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers\n',
    'FROM debian:12\nRUN gosu app id\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN sudo apt-get update\n', errors: [{ line: 2, column: 5, endColumn: 9, message: 'gosu' }] },
    { name: 'behind env', code: 'FROM debian:12\nRUN env A=1 sudo -E make install\n', errors: [{ line: 2, column: 13 }] },
    { name: 'sudo alone', code: 'FROM debian:12\nRUN sudo -v\n', errors: [{ line: 2 }] },
    { name: 'nested in sh -c', code: 'FROM debian:12\nRUN sh -c "sudo make install"\n', errors: [{ line: 2, column: 12 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN sudo make\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nsudo make\nEOF\n', errors: [{ line: 3, column: 1 }] },
    { name: 'every stage, continuation', code: 'FROM debian:12 AS a\nRUN make \\\n && sudo make install\nFROM scratch\n', errors: [{ line: 3, column: 5 }] },
  ],
});
