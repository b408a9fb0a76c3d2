import { zypperClean } from '../../src/rules/zypper-clean.js';
import { ruleTests } from './rule-tester.js';

ruleTests(zypperClean, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc -a\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl && rm -rf /var/cache/zypp/*\n',
    { name: 'builder stage', code: 'FROM opensuse/leap:15.6 AS b\nRUN zypper -n in gcc\nFROM scratch\nCOPY --from=b /o /o\n' },
  ],
  invalid: [
    { code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n', errors: [{ line: 2, column: 5, message: 'zypper clean' }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean\n' },
    { name: 'clean before install', code: 'FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n in curl\n', errors: [{ line: 2 }], output: 'FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n in curl && zypper clean\n' },
    { name: 'ONBUILD', code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in curl\n', errors: [{ line: 2 }], output: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in curl && zypper clean\n' },
    { name: 'heredoc with set -e', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nset -e\nzypper -n in curl\nEOF\n', errors: [{ line: 4 }], output: 'FROM opensuse/leap:15.6\nRUN <<EOF\nset -e\nzypper -n in curl\nzypper clean\nEOF\n' },
  ],
});
