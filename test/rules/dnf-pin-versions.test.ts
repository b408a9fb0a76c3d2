import { dnfPinVersions } from '../../src/rules/dnf-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(dnfPinVersions, {
  valid: [
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    'FROM fedora:41\nRUN dnf install -y nginx-1:1.26.2-1.fc41\n',
    'FROM fedora:41\nRUN dnf module install -y nodejs:20\n',
    'FROM fedora:41\nRUN dnf group install -y "C Development Tools and Libraries"\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils-4.9\n',
  ],
  invalid: [
    { code: 'FROM fedora:41\nRUN dnf install -y httpd\n', errors: [{ line: 2, column: 5, message: '`httpd`' }] },
    { name: 'microdnf', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils\n', errors: [{ line: 2, message: '`shadow-utils`' }] },
    { name: 'module without stream', code: 'FROM fedora:41\nRUN dnf module install -y nodejs\n', errors: [{ line: 2, message: 'stream' }] },
    { name: 'ARG expands to a name', code: 'FROM fedora:41\nARG PKG=git\nRUN dnf install -y $PKG\n', errors: [{ line: 3, message: '`git`' }] },
    { name: 'ONBUILD', code: 'FROM fedora:41\nONBUILD RUN dnf install -y git\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM fedora:41\nRUN <<EOF\ndnf install -y git\nEOF\n', errors: [{ line: 3 }] },
  ],
});
