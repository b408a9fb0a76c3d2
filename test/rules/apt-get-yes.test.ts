import { aptGetYes } from '../../src/rules/apt-get-yes.js';
import { ruleTests } from './rule-tester.js';

ruleTests(aptGetYes, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get -qy install curl\n',
    'FROM debian:12\nRUN apt-get install --yes curl && apt-get --assume-yes upgrade\n',
    'FROM debian:12\nRUN apt-get -qq install curl\n',
    'FROM debian:12\nRUN apt-get -q=2 install curl\n',
    'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n',
    'FROM debian:12\nRUN yes | apt-get install curl\n',
    'FROM debian:12\nRUN apt-get update && apt-get clean\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install curl\n',
      errors: [{ line: 2, column: 5, message: '-y' }],
      output: 'FROM debian:12\nRUN apt-get install -y curl\n',
    },
    { name: 'one -q is not enough', code: 'FROM debian:12\nRUN apt-get -q install curl\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN apt-get -q install -y curl\n' },
    {
      name: 'upgrade and remove prompt too',
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade && apt-get remove x\n',
      errors: [{ line: 2, column: 23 }, { line: 2, column: 42 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y x\n',
    },
    {
      name: 'continuation lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install \\\n    curl\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl\n',
    },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install make\n', errors: [{ line: 2 }], output: 'FROM debian:12\nONBUILD RUN apt-get install -y make\n' },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\napt-get install curl\nEOF\n', errors: [{ line: 3, column: 1 }], output: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n' },
    { name: 'any stage', code: 'FROM debian:12 AS build\nRUN apt-get install gcc\nFROM scratch\n', errors: [{ line: 2 }], output: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\n' },
    { name: 'apt too', code: 'FROM ubuntu:24.04\nRUN apt install curl\n', errors: [{ line: 2 }], output: 'FROM ubuntu:24.04\nRUN apt install -y curl\n' },
  ],
});
