import { zypperNoDistUpgrade } from '../../src/rules/zypper-no-dist-upgrade.js';
import { ruleTests } from './rule-tester.js';

ruleTests(zypperNoDistUpgrade, {
  valid: [
    { name: 'variable program name is not judged', code: 'FROM opensuse/leap:15.6\nARG Z=zypper\nRUN $Z dup\n' },'FROM opensuse/leap:15.6\nRUN zypper -n update\n', 'FROM opensuse/leap:15.6\nRUN zypper -n install dup\n'],
  invalid: [
    { code: 'FROM opensuse/leap:15.5\nRUN zypper -n dist-upgrade\n', errors: [{ line: 2, column: 5, message: 'dist-upgrade' }] },
    { name: 'dup', code: 'FROM opensuse/leap:15.5\nRUN zypper refresh && zypper --non-interactive dup\n', errors: [{ line: 2, column: 23 }] },
    { name: 'ONBUILD', code: 'FROM opensuse/leap:15.5\nONBUILD RUN zypper dup\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM opensuse/leap:15.5\nRUN <<EOF\nzypper -n dup\nEOF\n', errors: [{ line: 3 }] },
    { name: 'builder stage too, continuation', code: 'FROM opensuse/leap:15.5 AS b\nRUN zypper -n \\\n    dist-upgrade\nFROM scratch\n', errors: [{ line: 2 }] },
  ],
});
