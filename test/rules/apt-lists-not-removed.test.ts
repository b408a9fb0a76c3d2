import { aptListsNotRemoved } from '../../src/rules/apt-lists-not-removed.js';
import { ruleTests } from './rule-tester.js';

ruleTests(aptListsNotRemoved, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && apt-get clean \\\n && rm -rf /var/lib/apt/lists\n',
    { name: 'cache mount on the lists', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n' },
    { name: 'cache mount on /var/lib/apt', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y gcc\n' },
    { name: 'builder stage that is only copied from', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out\n' },
    { name: 'install without update', code: 'FROM debian:12\nRUN apt-get install -y ./local.deb\n' },
    { name: 'heredoc with cleanup', code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: 'rm -rf /var/lib/apt/lists/*' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'continuation lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl \\\n       git\nCMD ["bash"]\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl \\\n       git && rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n',
    },
    {
      name: 'stage the final image is built on',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD ["curl"]\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["curl"]\n',
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y make\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'heredoc with set -e gets a last line',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    { name: 'heredoc without set -e: no fix', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', errors: [{ line: 3 }], output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n' },
    { name: 'update alone: a later RUN needs the lists, no fix', code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n' },
    {
      name: 'a later RUN installs without updating: no fix',
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y nginx\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y nginx\n',
    },
    { name: 'trailing shell comment: no fix', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\n' },
    { name: 'removing elsewhere does not count', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n', errors: [{ line: 2 }] },
    { name: 'apt update', code: 'FROM ubuntu:24.04\nRUN apt update && apt install -y curl\n', errors: [{ line: 2 }], output: 'FROM ubuntu:24.04\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*\n' },
  ],
});
