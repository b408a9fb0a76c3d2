import { dnfCleanAll } from '../../src/rules/dnf-clean-all.js';
import { ruleTests } from './rule-tester.js';

ruleTests(dnfCleanAll, {
  valid: [
    'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM fedora:41\nRUN dnf install -y httpd && rm -rf /var/cache/dnf\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y x && microdnf clean all\n',
    { name: 'cache mount', code: 'FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd\n' },
    { name: 'builder stage', code: 'FROM fedora:41 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n' },
  ],
  invalid: [
    { code: 'FROM fedora:41\nRUN dnf install -y httpd\n', errors: [{ line: 2, column: 5, message: 'dnf clean all' }], output: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n' },
    { name: 'microdnf', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y x\n', errors: [{ line: 2, message: 'microdnf clean all' }], output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y x && microdnf clean all\n' },
    { name: 'clean before install', code: 'FROM fedora:41\nRUN dnf clean all && dnf install -y x\n', errors: [{ line: 2, column: 22 }], output: 'FROM fedora:41\nRUN dnf clean all && dnf install -y x && dnf clean all\n' },
    { name: 'ONBUILD', code: 'FROM fedora:41\nONBUILD RUN dnf install -y x\n', errors: [{ line: 2 }], output: 'FROM fedora:41\nONBUILD RUN dnf install -y x && dnf clean all\n' },
    { name: 'heredoc without set -e: no fix', code: 'FROM fedora:41\nRUN <<EOF\ndnf install -y x\nEOF\n', errors: [{ line: 3 }], output: 'FROM fedora:41\nRUN <<EOF\ndnf install -y x\nEOF\n' },
  ],
});
