import { zypperPinVersions } from '../../src/rules/zypper-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(zypperPinVersions, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 "git>=2.43" /tmp/x.rpm\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n install -t pattern devel_basis\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n --root /mnt refresh\n',
    { name: 'version through ARG', code: 'FROM opensuse/leap:15.6\nARG V=8.6.0\nRUN zypper -n in curl=$V\n' },
  ],
  invalid: [
    { code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n', errors: [{ line: 2, column: 5, message: '`curl`' }] },
    { name: 'repo option value is not a package', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in -r oss git\n', errors: [{ line: 2, message: '`git` has' }] },
    { name: 'ONBUILD', code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in git\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n in git\nEOF\n', errors: [{ line: 3 }] },
  ],
});
