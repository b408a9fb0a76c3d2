import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectStacks, dockerignoreMatcher, dockerignorePatterns, generateDockerignore } from '../../src/lint/dockerignore.js';
import { lintDockerfile } from '../../src/lint/engine.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { missingDockerignore } from '../../src/rules/missing-dockerignore.js';
import type { BuildContext } from '../../src/rules/types.js';

function contextOf(files: Record<string, string>): BuildContext {
  const paths = Object.keys(files);
  return {
    dir: '/ctx',
    dockerignore: files['.dockerignore'] ?? null,
    exists: (p) => {
      const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
      return paths.some((f) => f === clean || f.startsWith(`${clean}/`));
    },
  };
}

async function generate(dockerfile: string, files: Record<string, string> = {}): Promise<string> {
  return generateDockerignore(await parseDockerfile(dockerfile, 'Dockerfile'), contextOf(files));
}

describe('dockerignoreMatcher', () => {
  it('matches with Docker semantics', () => {
    const ignores = dockerignoreMatcher('# comment\nnode_modules\n**/__pycache__\n*.md\n!README.md\n');
    assert.equal(ignores('node_modules/a/index.js'), true);
    assert.equal(ignores('src/node_modules/a.js'), false, 'a bare name matches at the top only');
    assert.equal(ignores('pkg/__pycache__/x.pyc'), true);
    assert.equal(ignores('CHANGES.md'), true);
    assert.equal(ignores('README.md'), false);
    assert.equal(ignores('./node_modules/x'), true);
  });
  it('drops comments and blank lines', () => {
    assert.deepEqual(dockerignorePatterns('# x\n\n  .git  \r\nfoo\n'), ['.git', 'foo']);
  });
});

describe('generateDockerignore', () => {
  it('covers a node build and nothing of other stacks', async () => {
    const text = await generate('FROM node:20-slim\nCOPY . .\nRUN npm ci --omit=dev\n', { 'package.json': '{}' });
    const ignores = dockerignoreMatcher(text);
    assert.ok(ignores('.git/HEAD'));
    assert.ok(ignores('node_modules/x/package.json'));
    assert.ok(ignores('packages/a/node_modules/x/package.json'));
    assert.ok(ignores('.env'));
    assert.ok(!ignores('server.js'));
    assert.ok(!ignores('package.json'));
    assert.ok(!text.includes('__pycache__'));
    assert.ok(!/^dist$/m.test(text), 'dist is only excluded when the image builds it');
    assert.ok(text.endsWith('\n'));
  });
  it('covers a Python build', async () => {
    const ignores = dockerignoreMatcher(await generate('FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n'));
    assert.ok(ignores('app/__pycache__/m.cpython-312.pyc'));
    assert.ok(ignores('.venv/bin/python'));
    assert.ok(ignores('venv/bin/python'));
    assert.ok(ignores('src/pkg/mod.pyc'));
    assert.ok(!ignores('app/main.py'));
    assert.ok(!ignores('requirements.txt'));
  });
  it('detects stacks from images, commands and manifests', async () => {
    const df = await parseDockerfile('FROM golang:1.22 AS b\nRUN cargo build\nFROM eclipse-temurin:21-jre\nRUN ./gradlew build\n', 'Dockerfile');
    assert.deepEqual([...detectStacks(df, contextOf({ 'Gemfile': '' }))].sort(), ['go', 'gradle', 'ruby', 'rust']);
  });
  it('excludes build output when the image builds it', async () => {
    const ignores = dockerignoreMatcher(await generate('FROM node:20 AS b\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=b /dist /usr/share/nginx/html\n'));
    assert.ok(ignores('dist/index.html'));
    assert.ok(ignores('build/x'));
  });
  it('never excludes a path the Dockerfile copies by name', async () => {
    const text = await generate('FROM python:3.12-slim\nCOPY dist/*.whl /tmp/\nCOPY .env /app/.env\nCOPY venv/ /opt/venv/\nCOPY Dockerfile /src/\nRUN pip install /tmp/*.whl\n');
    const ignores = dockerignoreMatcher(text);
    assert.ok(!ignores('dist/app-1.0-py3-none-any.whl'));
    assert.ok(!ignores('.env'));
    assert.ok(!ignores('venv/bin/python'));
    assert.ok(!ignores('Dockerfile'));
    assert.ok(ignores('.git/HEAD'), 'the rest is still there');
    assert.ok(ignores('pkg/__pycache__/x.pyc'));
  });
  it('keeps the Rails keep-files', async () => {
    const ignores = dockerignoreMatcher(await generate('FROM ruby:3.3-slim\nCOPY . .\nRUN bundle install\n'));
    assert.ok(ignores('log/development.log'));
    assert.ok(!ignores('log/.keep'));
    assert.ok(!ignores('tmp/.keep'));
  });
  it('is deterministic', async () => {
    const a = await generate('FROM node:20\nCOPY . .\n', { 'package.json': '' });
    const b = await generate('FROM node:20\nCOPY . .\n', { 'package.json': '' });
    assert.equal(a, b);
  });
  it('satisfies missing-dockerignore for every stack', async () => {
    const cases: [string, Record<string, string>][] = [
      ['FROM node:20-slim\nCOPY . .\nRUN npm ci\n', { 'package.json': '{}', 'node_modules/a/x.js': '', '.git/HEAD': '' }],
      ['FROM python:3.12-slim\nCOPY . /app\n', { 'requirements.txt': '', '.venv/bin/python': '', 'venv/bin/python': '', '__pycache__/x.pyc': '' }],
      ['FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn package\n', { 'pom.xml': '', 'target/app.jar': '' }],
      ['FROM rust:1.77\nCOPY . .\nRUN cargo build\n', { 'Cargo.toml': '', 'target/debug/app': '' }],
      ['FROM alpine:3.20\nCOPY . /srv\n', { 'index.html': '', 'build/x': '' }],
    ];
    for (const [dockerfile, files] of cases) {
      const df = await parseDockerfile(dockerfile, 'Dockerfile');
      const before = lintDockerfile(df, { rules: [missingDockerignore], buildContext: contextOf(files) });
      assert.equal(before.length, 1, `${dockerfile}: reported without .dockerignore`);
      const generated = generateDockerignore(df, contextOf(files));
      const after = lintDockerfile(df, { rules: [missingDockerignore], buildContext: contextOf({ ...files, '.dockerignore': generated }) });
      assert.deepEqual(after.map((f) => f.message), [], `${dockerfile}: quiet with the generated file`);
    }
  });
});
