/**
 * Properties of the RUN rules' fixes over generated Dockerfiles: the fix loop settles, fixing twice changes nothing,
 * what is left has no fix, and the fixed file still parses and runs every program the original ran.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import { fixText } from '../../../src/lint/fix.js';
import { shellRules } from '../../../src/rules/sets/shell.js';
import { packageCommandOf, isAction } from '../../../src/rules/util/packages.js';
import { commandsOf, programName, removesPath } from '../../../src/rules/util/shell.js';

const BASES = ['debian:12', 'alpine:3.20', 'python:3.12-slim', 'ubuntu:24.04', 'fedora:41', 'busybox:1.36'];
const LINES = [
  'RUN apt-get update',
  'RUN apt-get install curl',
  'RUN apt-get update && apt-get install -y git',
  'RUN apt-get update \\\n    && apt-get install \\\n       wget',
  'RUN apt update && apt install nginx',
  'RUN apk add curl',
  'RUN apk update && apk add --virtual .deps gcc && apk del .deps',
  'RUN pip install -r requirements.txt',
  'RUN python3 -m pip install flask',
  'RUN yum install httpd',
  'RUN dnf install python3-pip',
  'RUN zypper in curl',
  'RUN yarn install',
  'RUN useradd -u 1234567 app',
  'RUN curl -fsSL https://x/i.sh | sh',
  'RUN wget -qO- https://x/a | tar -xz',
  'RUN cd /src && make',
  'RUN make # build',
  'RUN make test || true',
  'RUN <<EOF\nset -e\napt-get update\napt-get install curl\nEOF',
  'RUN <<EOF\npip install flask\nEOF',
  'RUN ["sh", "-c", "apt-get install curl"]',
  'RUN --mount=type=cache,target=/root/.cache pip install x==1',
  'ONBUILD RUN apt-get update && apt-get install make',
  'COPY . /app',
  'ENV PIP_NO_CACHE_DIR=1',
  'SHELL ["/bin/sh", "-c"]',
  '# a comment',
  '',
];

const dockerfile = fc
  .array(
    fc.record({ base: fc.constantFrom(...BASES), lines: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 6 }) }),
    { minLength: 1, maxLength: 3 },
  )
  .map((stages) => stages.map((s, i) => [`FROM ${s.base} AS s${i}`, ...s.lines].join('\n')).join('\n') + '\n');

async function programs(text: string): Promise<string[]> {
  const df = await parseDockerfile(text, 'Dockerfile', { buildArgs: {} });
  // apt-get-not-apt renames apt to apt-get on purpose.
  return commandsOf(df).map((c) => programName(c.command).replace(/^apt$/, 'apt-get')).sort();
}

/** Commands that install from the apt lists after a command removed them (with no update in between), per image. */
async function installsWithoutLists(text: string): Promise<string[]> {
  const df = await parseDockerfile(text, 'Dockerfile', { buildArgs: {} });
  const removedAtEnd: boolean[] = [];
  const problems: string[] = [];
  for (const stage of df.stages) {
    let removed = stage.baseStage !== undefined ? (removedAtEnd[stage.baseStage] ?? false) : false;
    for (const run of stage.instructions) {
      if (run.keyword !== 'RUN') continue;
      for (const command of run.shell.commands) {
        const pc = packageCommandOf(run, command);
        if (removesPath(command, '/var/lib/apt/lists')) removed = true;
        else if (pc && isAction(pc, ['apt-get', 'apt'], 'update')) removed = false;
        else if (pc && isAction(pc, ['apt-get', 'apt'], 'install', 'upgrade') && removed) problems.push(command.text);
      }
    }
    removedAtEnd[stage.index] = removed;
  }
  return problems;
}

describe('RUN rule fixes on generated Dockerfiles', () => {
  it('settle, are idempotent, leave nothing fixable and keep every program', async () => {
    await fc.assert(
      fc.asyncProperty(dockerfile, async (text) => {
        const fixed = await fixText(text, 'Dockerfile', { rules: shellRules });
        assert.ok(fixed.passes < 10, `fix loop did not settle:\n${text}`);
        assert.deepEqual(fixed.remaining.filter((f) => f.fix?.length), [], `fixable findings left:\n${fixed.text}`);
        const again = await fixText(fixed.text, 'Dockerfile', { rules: shellRules });
        assert.equal(again.text, fixed.text);
        assert.deepEqual(await installsWithoutLists(fixed.text), [], `an install runs after the lists were removed:\n${fixed.text}`);
        const before = await programs(text);
        const after = await programs(fixed.text);
        const left = [...after];
        for (const p of before) {
          const i = left.indexOf(p);
          assert.ok(i >= 0, `${p} lost:\n${text}\n=>\n${fixed.text}`);
          left.splice(i, 1);
        }
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });
});
