import { yumCleanAll } from '../../src/rules/yum-clean-all.js';
import { ruleTests } from './rule-tester.js';

ruleTests(yumCleanAll, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum/*\n',
    { name: 'cache mount', code: 'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n' },
    { name: 'builder stage', code: 'FROM centos:7 AS build\nRUN yum install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n' },
    'FROM centos:7\nRUN yum clean all\n',
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum install -y httpd\n', errors: [{ line: 2, column: 5, message: 'yum clean all' }], output: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n' },
    { name: 'clean before install does not count', code: 'FROM centos:7\nRUN yum clean all && yum install -y httpd\n', errors: [{ line: 2, column: 22 }], output: 'FROM centos:7\nRUN yum clean all && yum install -y httpd && yum clean all\n' },
    { name: 'clean of metadata only', code: 'FROM centos:7\nRUN yum install -y x && yum clean metadata\n', errors: [{ line: 2 }], output: 'FROM centos:7\nRUN yum install -y x && yum clean metadata && yum clean all\n' },
    { name: 'ONBUILD', code: 'FROM centos:7\nONBUILD RUN yum install -y x\n', errors: [{ line: 2 }], output: 'FROM centos:7\nONBUILD RUN yum install -y x && yum clean all\n' },
    { name: 'heredoc with set -e', code: 'FROM centos:7\nRUN <<EOF\nset -e\nyum install -y x\nEOF\n', errors: [{ line: 4 }], output: 'FROM centos:7\nRUN <<EOF\nset -e\nyum install -y x\nyum clean all\nEOF\n' },
    { name: 'continuation', code: 'FROM centos:7\nRUN yum install -y \\\n    httpd\n', errors: [{ line: 2 }], output: 'FROM centos:7\nRUN yum install -y \\\n    httpd && yum clean all\n' },
  ],
});
