import { aptGetNotApt } from '../../src/rules/apt-get-not-apt.js';
import { ruleTests } from './rule-tester.js';

ruleTests(aptGetNotApt, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-cache policy curl\n',
    { name: 'apt as an argument', code: 'FROM debian:12\nRUN echo apt && ls /etc/apt\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu:24.04\nRUN apt update && apt install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 8 }, { line: 2, column: 19, endColumn: 22 }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\n',
    },
    { name: 'apt search has no apt-get equivalent: no fix', code: 'FROM ubuntu:24.04\nRUN apt search curl\n', errors: [{ line: 2 }], output: 'FROM ubuntu:24.04\nRUN apt search curl\n' },
    { name: 'full path', code: 'FROM ubuntu:24.04\nRUN /usr/bin/apt install -y curl\n', errors: [{ line: 2 }], output: 'FROM ubuntu:24.04\nRUN /usr/bin/apt-get install -y curl\n' },
    { name: 'ONBUILD and sudo', code: 'FROM ubuntu:24.04\nONBUILD RUN sudo apt -y upgrade\n', errors: [{ line: 2, column: 18 }], output: 'FROM ubuntu:24.04\nONBUILD RUN sudo apt-get -y upgrade\n' },
    { name: 'heredoc', code: 'FROM ubuntu:24.04\nRUN <<EOF\napt-get update\napt remove -y x\nEOF\n', errors: [{ line: 4, column: 1 }], output: 'FROM ubuntu:24.04\nRUN <<EOF\napt-get update\napt-get remove -y x\nEOF\n' },
    { name: 'continuation', code: 'FROM ubuntu:24.04\nRUN true \\\n && apt \\\n    install -y x\n', errors: [{ line: 3, column: 5 }], output: 'FROM ubuntu:24.04\nRUN true \\\n && apt-get \\\n    install -y x\n' },
  ],
});
