import { pipefail } from '../../src/rules/pipefail.js';
import { ruleTests } from './rule-tester.js';

const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

ruleTests(pipefail, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://x/a.tgz -o a.tgz\n',
    `FROM debian:12\n${SHELL}\nRUN curl -fsSL https://x/i.sh | sh\n`,
    'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -qO- https://x/i.sh | sh\n',
    'FROM debian:12\nRUN set -o pipefail && curl -fsSL https://x/i.sh | sh\n',
    'FROM debian:12\nRUN set -euo pipefail; curl -fsSL https://x/i.sh | sh\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n',
    { name: 'inherited from the base stage', code: `FROM debian:12 AS base\n${SHELL}\nFROM base\nRUN curl -fsSL https://x/i.sh | sh\n` },
    { name: 'exec form does not use SHELL', code: 'FROM debian:12\nRUN ["/bin/bash", "-c", "set -o pipefail && a | b"]\n' },
    { name: 'heredoc with pipefail', code: 'FROM debian:12\nRUN <<EOF\nset -eo pipefail\na | b\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://x/i.sh | sh\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: 'pipefail' }],
      output: `FROM debian:12\n${SHELL}\nRUN curl -fsSL https://x/i.sh | sh\n`,
    },
    {
      name: 'the fix goes before the first piped RUN of the stage only',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir x==1\nRUN a | b\nRUN c | d\n',
      errors: [{ line: 3 }, { line: 4 }],
      output: `FROM python:3.12-slim\nRUN pip install --no-cache-dir x==1\n${SHELL}\nRUN a | b\nRUN c | d\n`,
    },
    {
      name: 'every stage resets the shell',
      code: `FROM debian:12 AS a\n${SHELL}\nRUN a | b\nFROM debian:12\nRUN c | d\n`,
      errors: [{ line: 5 }],
      output: `FROM debian:12 AS a\n${SHELL}\nRUN a | b\nFROM debian:12\n${SHELL}\nRUN c | d\n`,
    },
    { name: 'Alpine has no bash: no fix', code: 'FROM alpine:3.20\nRUN wget -qO- https://x/i.sh | sh\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nRUN wget -qO- https://x/i.sh | sh\n' },
    { name: 'busybox base through a stage: no fix', code: 'FROM busybox:1.36 AS b\nFROM b\nRUN a | b\n', errors: [{ line: 3 }], output: 'FROM busybox:1.36 AS b\nFROM b\nRUN a | b\n' },
    { name: 'base from a variable: no fix', code: 'ARG BASE=debian:12\nFROM ${BASE}-custom\nRUN a | b\n', errors: [{ line: 3 }] },
    { name: 'a SHELL without pipefail was chosen: no fix', code: 'FROM debian:12\nSHELL ["/bin/sh", "-c"]\nRUN a | b\n', errors: [{ line: 3 }], output: 'FROM debian:12\nSHELL ["/bin/sh", "-c"]\nRUN a | b\n' },
    {
      name: 'heredoc and continuation',
      code: 'FROM ubuntu:24.04\nRUN <<EOF\na | b\nEOF\nRUN c \\\n  | d\n',
      errors: [{ line: 2 }, { line: 5 }],
      output: `FROM ubuntu:24.04\n${SHELL}\nRUN <<EOF\na | b\nEOF\nRUN c \\\n  | d\n`,
    },
    { name: 'ONBUILD triggers are not checked, RUNs are', code: 'FROM debian:12\nONBUILD RUN a | b\nRUN c | d\n', errors: [{ line: 3 }], output: `FROM debian:12\nONBUILD RUN a | b\n${SHELL}\nRUN c | d\n` },
  ],
});
