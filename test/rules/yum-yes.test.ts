import { yumYes } from '../../src/rules/yum-yes.js';
import { ruleTests } from './rule-tester.js';

ruleTests(yumYes, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum -y install httpd && yum --assumeyes update\n',
    'FROM centos:7\nRUN yum --setopt=assumeyes=1 install httpd\n',
    'FROM centos:7\nRUN yum clean all && yum makecache\n',
    'FROM fedora:41\nRUN dnf install httpd\n',
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum install httpd\n', errors: [{ line: 2, column: 5, message: '-y' }], output: 'FROM centos:7\nRUN yum install -y httpd\n' },
    { name: 'groupinstall and localinstall', code: 'FROM centos:7\nRUN yum groupinstall "Development Tools" && yum localinstall /tmp/x.rpm\n', errors: [{ line: 2 }, { line: 2 }], output: 'FROM centos:7\nRUN yum groupinstall -y "Development Tools" && yum localinstall -y /tmp/x.rpm\n' },
    { name: 'ONBUILD', code: 'FROM centos:7\nONBUILD RUN yum update\n', errors: [{ line: 2 }], output: 'FROM centos:7\nONBUILD RUN yum update -y\n' },
    { name: 'heredoc', code: 'FROM centos:7\nRUN <<EOF\nyum remove x\nEOF\n', errors: [{ line: 3 }], output: 'FROM centos:7\nRUN <<EOF\nyum remove -y x\nEOF\n' },
    { name: 'continuation', code: 'FROM centos:7\nRUN yum \\\n  install \\\n  httpd\n', errors: [{ line: 2 }], output: 'FROM centos:7\nRUN yum \\\n  install -y \\\n  httpd\n' },
    { name: 'every stage', code: 'FROM centos:7 AS a\nRUN yum install x\nFROM a\nRUN yum install -y y\n', errors: [{ line: 2 }], output: 'FROM centos:7 AS a\nRUN yum install -y x\nFROM a\nRUN yum install -y y\n' },
  ],
});
