import { dnfYes } from '../../src/rules/dnf-yes.js';
import { ruleTests } from './rule-tester.js';

ruleTests(dnfYes, {
  valid: [
    { name: '-y from an ARG', code: 'FROM fedora:41\nARG YES=-y\nRUN dnf install $YES httpd\n' },
    'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM fedora:41\nRUN dnf --assumeyes upgrade\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils\n',
    'FROM fedora:41\nRUN dnf clean all && dnf makecache\n',
    'FROM fedora:41\nRUN yes | dnf install httpd\n',
  ],
  invalid: [
    { code: 'FROM fedora:41\nRUN dnf install httpd\n', errors: [{ line: 2, column: 5 }], output: 'FROM fedora:41\nRUN dnf install -y httpd\n' },
    { name: 'microdnf', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install shadow-utils\n', errors: [{ line: 2, message: 'microdnf install -y' }], output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils\n' },
    { name: 'module install', code: 'FROM fedora:41\nRUN dnf module install nodejs:20\n', errors: [{ line: 2 }], output: 'FROM fedora:41\nRUN dnf module install -y nodejs:20\n' },
    { name: 'ONBUILD', code: 'FROM fedora:41\nONBUILD RUN dnf remove x\n', errors: [{ line: 2 }], output: 'FROM fedora:41\nONBUILD RUN dnf remove -y x\n' },
    { name: 'heredoc', code: 'FROM fedora:41\nRUN <<EOF\ndnf install x\nEOF\n', errors: [{ line: 3 }], output: 'FROM fedora:41\nRUN <<EOF\ndnf install -y x\nEOF\n' },
    { name: 'every stage, continuation', code: 'FROM fedora:41 AS a\nRUN dnf \\\n  install x\nFROM scratch\n', errors: [{ line: 2 }], output: 'FROM fedora:41 AS a\nRUN dnf \\\n  install -y x\nFROM scratch\n' },
  ],
});
