import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { aptUpdateAlone } from '../../src/rules/apt-update-alone.js';
import { ruleTests } from './rule-tester.js';

ruleTests(aptUpdateAlone, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    'FROM alpine:3.20\nRUN apk update && apk add curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get -y dist-upgrade\n',
    'FROM fedora:40\nRUN dnf makecache && dnf install -y git\n',
    { name: 'heredoc with both', code: 'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n' },
    { name: 'packages from a variable', code: 'FROM debian:bookworm-slim\nARG PACKAGES="curl git"\nRUN apt-get update && apt-get install -y $PACKAGES\n' },
    { name: 'ONBUILD pair', code: 'FROM debian:bookworm-slim\nONBUILD RUN apt-get update && apt-get install -y make\n' },
    { name: 'other managers do not serve it but another apt does', code: 'FROM ubuntu:24.04\nRUN apt update && apt-get install -y git\n' },
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl\n', errors: [{ line: 2, column: 5, message: 'install on line 3' }] },
    { code: 'FROM ubuntu:18.04\nRUN apt -y update\nRUN apt -y install nginx\n', errors: [{ line: 2, message: '"apt -y update"' }] },
    { code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl\n', errors: [{ line: 2 }] },
    { code: 'FROM centos:7\nRUN yum makecache\nRUN yum install -y git\n', errors: [{ line: 2 }] },
    { name: 'update with other work', code: 'FROM debian:bookworm-slim\nRUN apt-get update && mkdir /x\nRUN apt-get install -y curl\n', errors: [{ line: 2 }] },
    { name: 'nothing installs after it', code: 'FROM debian:bookworm-slim\nRUN apt-get update\nCMD ["bash"]\n', errors: [{ line: 2, message: 'without any install' }] },
    { name: 'install in another stage does not count', code: 'FROM debian:bookworm-slim AS a\nRUN apt-get update\nFROM a\nRUN apt-get install -y curl\n', errors: [{ line: 2, message: 'without any install' }] },
    { name: 'with an env prefix', code: 'FROM debian:bookworm-slim\nRUN DEBIAN_FRONTEND=noninteractive apt-get -qq update\nRUN apt-get install -y curl\n', errors: [{ line: 2, column: 5 }] },
    { name: 'ONBUILD trigger alone', code: 'FROM debian:bookworm-slim\nONBUILD RUN apt-get update\nONBUILD RUN apt-get install -y make\n', errors: [{ line: 2, message: 'line 3' }] },
    { name: 'heredoc alone', code: 'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\nEOF\nRUN apt-get install -y curl\n', errors: [{ line: 3 }] },
    { name: 'escape=`', code: '# escape=`\nFROM debian:bookworm-slim\nRUN apt-get `\n    update\nRUN apt-get install -y curl\n', errors: [{ line: 3 }] },
    { name: 'exec form with sh -c', code: 'FROM debian:bookworm-slim\nRUN ["sh", "-c", "apt-get update"]\nRUN apt-get install -y curl\n', errors: [{ line: 2 }] },
  ],
});

describe('apt-update-alone suggestions', () => {
  const suggested = async (code: string) => {
    const [finding] = await lintText(code, 'Dockerfile', { rules: [aptUpdateAlone] });
    assert.ok(finding, 'a finding');
    assert.equal(finding.fixable, false);
    assert.ok(finding.suggestions?.[0], 'a suggestion');
    return applyEdits(code, finding.suggestions[0]!.edits).text;
  };
  it('moves the update into the RUN that installs', async () => {
    assert.equal(
      await suggested('FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl\n'),
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n',
    );
    assert.equal(
      await suggested('FROM debian:bookworm-slim\nRUN apt-get update && mkdir /x\nWORKDIR /x\nRUN   apt-get install -y curl\n'),
      'FROM debian:bookworm-slim\nRUN mkdir /x\nWORKDIR /x\nRUN   apt-get update && apt-get install -y curl\n',
    );
  });
  it('removes an update nothing uses', async () => {
    assert.equal(await suggested('FROM debian:bookworm-slim\nRUN mkdir /x && apt-get update\n'), 'FROM debian:bookworm-slim\nRUN mkdir /x\n');
  });
});
