import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import { isRpmVersioned, listForMessage, packageCommands } from '../../../src/rules/util/packages.js';

async function parsed(script: string) {
  const df = await parseDockerfile(`FROM debian:12\nRUN ${script}\n`, 'Dockerfile', { buildArgs: {} });
  return packageCommands(df).map((pc) => ({
    manager: pc.manager,
    action: pc.action,
    packages: pc.packages.map((w) => w.value),
    options: pc.options.map((w) => w.value),
    program: pc.programWord.value,
  }));
}

describe('packageCommands', () => {
  it('splits apt-get options with values from the packages', async () => {
    const [pc] = await parsed('apt-get -o Dpkg::Options::=--force-confold -t bookworm-backports install -y --target-release stable curl=8.1 git');
    assert.deepEqual(pc, {
      manager: 'apt-get',
      action: 'install',
      packages: ['curl=8.1', 'git'],
      options: ['-o', 'Dpkg::Options::=--force-confold', '-t', 'bookworm-backports', '-y', '--target-release', 'stable'],
      program: 'apt-get',
    });
  });

  it('recognises pip, pip3, pip3.12 and python -m pip', async () => {
    const found = await parsed('pip install a && pip3 install b && pip3.12 install c && python3 -m pip install d && python -u -m pip install e');
    assert.deepEqual(found.map((p) => [p.manager, p.action, p.packages.join()]), [
      ['pip', 'install', 'a'], ['pip', 'install', 'b'], ['pip', 'install', 'c'], ['pip', 'install', 'd'], ['pip', 'install', 'e'],
    ]);
    assert.equal(found[3]!.program, 'pip');
  });

  it('does not take python -m other modules, pipx or pipenv for pip', async () => {
    assert.deepEqual(await parsed('python -m venv /v && pipx install black && pipenv install'), []);
  });

  it('excludes the values of pip options (-r, -c, -e, -i, --target ...) from the packages', async () => {
    const [pc] = await parsed('pip install -r req.txt -c constraints.txt -e ./lib -i https://idx --target /t flask==3.0');
    assert.deepEqual(pc!.packages, ['flask==3.0']);
  });

  it('normalises action aliases and two-level actions', async () => {
    const found = await parsed(
      'npm i express && npm ci && zypper in curl && zypper dup && dnf module install nodejs:20 && yarn global add x && yarn cache clean && yum groupinstall "Dev Tools" && gem i rails',
    );
    assert.deepEqual(found.map((p) => `${p.manager}:${p.action}`), [
      'npm:install', 'npm:ci', 'zypper:install', 'zypper:dist-upgrade', 'dnf:module install', 'yarn:global add', 'yarn:cache clean', 'yum:group install', 'gem:install',
    ]);
    assert.deepEqual(found[4]!.packages, ['nodejs:20']);
  });

  it('gives yarn and bundle alone the install action', async () => {
    assert.deepEqual((await parsed('yarn --frozen-lockfile && bundle')).map((p) => p.action), ['install', 'install']);
  });

  it('does not take the apk --virtual name for a package', async () => {
    const [pc] = await parsed('apk add --no-cache --virtual .build-deps gcc musl-dev');
    assert.deepEqual(pc!.packages, ['gcc', 'musl-dev']);
  });

  it('unwraps sudo and env and finds nested commands', async () => {
    const found = await parsed('sudo -E apt-get update && sh -c "env A=1 apk add curl"');
    assert.deepEqual(found.map((p) => `${p.manager}:${p.action}`), ['apt-get:update', 'apk:add']);
  });

  it('includes ONBUILD triggers', async () => {
    const df = await parseDockerfile('FROM debian:12\nONBUILD RUN gem install rails\n', 'Dockerfile', { buildArgs: {} });
    assert.deepEqual(packageCommands(df).map((p) => p.manager), ['gem']);
  });
});

describe('isRpmVersioned', () => {
  it('needs a hyphen that starts a version', () => {
    for (const v of ['httpd-2.4.6', 'python3-pip-21.3', 'nginx-1:1.20.1-1.el9', 'x-1.0~rc1', './local.rpm']) assert.ok(isRpmVersioned(v), v);
    for (const v of ['httpd', 'python3-devel', 'gcc-c++', 'java-latest-openjdk']) assert.ok(!isRpmVersioned(v), v);
  });
});

describe('listForMessage', () => {
  it('quotes and shortens lists', () => {
    assert.equal(listForMessage(['a']), '`a`');
    assert.equal(listForMessage(['a', 'b']), '`a` and `b`');
    assert.equal(listForMessage(['a', 'b', 'c', 'd', 'e']), '`a`, `b`, `c` and 2 more');
  });
});
