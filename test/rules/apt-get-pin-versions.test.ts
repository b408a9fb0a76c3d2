import { aptGetPinVersions } from '../../src/rules/apt-get-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(aptGetPinVersions, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl=8.1 git/bookworm-backports ./local.deb\n',
    { name: 'option values are not packages', code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y --target-release stable curl=8.1\n' },
    { name: 'version from an ARG', code: 'FROM debian:12\nARG CURL_VERSION=7.88.1\nRUN apt-get install -y curl=${CURL_VERSION}\n' },
    { name: 'package list from an ARG, expanded', code: 'FROM debian:12\nARG PKGS="curl=1 git=2"\nRUN apt-get install -y $PKGS\n' },
    { name: 'variable the Dockerfile does not define', code: 'FROM debian:12\nRUN apt-get install -y $PACKAGES\n' },
    { name: 'command output cannot be judged', code: 'FROM debian:12\nRUN apt-get install -y $(cat /tmp/packages.txt)\n' },
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y curl\n', errors: [{ line: 2, column: 5, endColumn: 28, message: '`curl` has no version' }] },
    { name: 'lists the unpinned among pinned', code: 'FROM debian:12\nRUN apt-get install -y curl=8.1 git wget\n', errors: [{ line: 2, message: '`git` and `wget` have no version' }] },
    { name: 'continuation lines', code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n      curl \\\n      git=1:2.39\n', errors: [{ line: 3, column: 5, message: '`curl`' }] },
    { name: 'apt too', code: 'FROM ubuntu:24.04\nRUN apt install -y curl\n', errors: [{ line: 2 }] },
    { name: 'behind sudo', code: 'FROM debian:12\nRUN sudo apt-get install -y curl\n', errors: [{ line: 2 }] },
    { name: 'ARG expands to unpinned packages', code: 'FROM debian:12\nARG PKGS="curl=1 git"\nRUN apt-get install -y $PKGS\n', errors: [{ line: 3, message: '`git`' }] },
    { name: 'ONBUILD trigger', code: 'FROM debian:12\nONBUILD RUN apt-get install -y make\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', errors: [{ line: 4, column: 1 }] },
    { name: 'every stage, built or not', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y curl=1\n', errors: [{ line: 2 }] },
    { name: 'nested in sh -c', code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get install -y curl"]\n', errors: [{ line: 2 }] },
  ],
});
