import { zypperYes } from '../../src/rules/zypper-yes.js';
import { ruleTests } from './rule-tester.js';

ruleTests(zypperYes, {
  valid: [
    { name: 'variable sub-command is not judged', code: 'FROM opensuse/leap:15.6\nARG CMD=install\nRUN zypper $CMD -y curl\n' },
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper rm --no-confirm x\n',
    'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper clean\n',
  ],
  invalid: [
    { code: 'FROM opensuse/leap:15.6\nRUN zypper install curl\n', errors: [{ line: 2, column: 5 }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n' },
    { name: 'aliases', code: 'FROM opensuse/leap:15.6\nRUN zypper in curl && zypper rm x\n', errors: [{ line: 2 }, { line: 2 }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper -n rm x\n' },
    { name: 'ONBUILD', code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper patch\n', errors: [{ line: 2 }], output: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n patch\n' },
    { name: 'heredoc', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper install curl\nEOF\n', errors: [{ line: 3 }], output: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n install curl\nEOF\n' },
    { name: 'every stage, continuation', code: 'FROM opensuse/leap:15.6 AS a\nRUN zypper \\\n  install curl\nFROM a\n', errors: [{ line: 2 }], output: 'FROM opensuse/leap:15.6 AS a\nRUN zypper -n \\\n  install curl\nFROM a\n' },
  ],
});
