import { yumPinVersions } from '../../src/rules/yum-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(yumPinVersions, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 python3-pip-9.0.3 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y /tmp/app.rpm\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18\n',
    'FROM centos:7\nRUN yum groupinstall -y "Development Tools"\n',
    { name: 'version through ARG', code: 'FROM centos:7\nARG V=2.4.6\nRUN yum install -y httpd-$V\n' },
    { name: 'repo option values', code: 'FROM centos:7\nRUN yum --enablerepo epel install -y jq-1.6\n' },
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum install -y httpd\n', errors: [{ line: 2, column: 5, message: '`httpd` has no version' }] },
    { name: 'a hyphenated name is not a version', code: 'FROM centos:7\nRUN yum install -y python3-devel\n', errors: [{ line: 2, message: '`python3-devel`' }] },
    { name: 'module without stream', code: 'FROM centos:7\nRUN yum module install -y nodejs\n', errors: [{ line: 2, message: 'stream' }] },
    { name: 'ONBUILD', code: 'FROM centos:7\nONBUILD RUN yum install -y git\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM centos:7\nRUN <<EOF\nyum install -y git\nEOF\n', errors: [{ line: 3 }] },
  ],
});
