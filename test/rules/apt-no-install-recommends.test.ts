import { aptNoInstallRecommends } from '../../src/rules/apt-no-install-recommends.js';
import { ruleTests } from './rule-tester.js';

ruleTests(aptNoInstallRecommends, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    { name: 'options from an ARG', code: 'FROM debian:12\nARG APT_OPTS="-y --no-install-recommends"\nRUN apt-get install $APT_OPTS curl\n' },
    {
      name: 'configured off in an earlier RUN of the same image',
      code: 'FROM debian:12 AS base\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nFROM base\nRUN apt-get install -y curl\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, message: '--no-install-recommends' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'configured off in an unrelated stage does not count',
      code: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/x\nFROM debian:12\nRUN apt-get install -y curl\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/x\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'continuation lines and several installs',
      code: 'FROM debian:12\nRUN apt-get install -y a \\\n && apt-get install \\\n      -y b\n',
      errors: [{ line: 2 }, { line: 3 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y a \\\n && apt-get install --no-install-recommends \\\n      -y b\n',
    },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install -y make\n', errors: [{ line: 2 }], output: 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends -y make\n' },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y curl\nEOF\n' },
    { name: 'behind sudo and env', code: 'FROM debian:12\nRUN sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN sudo env DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y curl\n' },
  ],
});
