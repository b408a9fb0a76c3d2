import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { devDependenciesInFinal } from '../../src/rules/dev-dependencies-in-final.js';
import { ruleTests } from './rule-tester.js';

ruleTests(devDependenciesInFinal, {
  valid: [
    'FROM node:20-slim\nRUN npm ci --omit=dev\n',
    'FROM node:20-slim\nRUN npm install --production\n',
    'FROM node:20-slim\nRUN npm ci --omit dev\n',
    'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n',
    'FROM node:20-slim\nARG NODE_ENV=production\nRUN npm install\n',
    'FROM node:20-slim\nRUN NODE_ENV=production npm ci\n',
    'FROM node:20-slim\nRUN npm ci && npm run build && npm prune --omit=dev\n',
    'FROM node:20-slim\nRUN npm install -g pm2\n',
    'FROM node:20-slim\nRUN pnpm install --prod\n',
    'FROM python:3.12-slim\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12-slim\nRUN pip install -r requirements/prod.txt\n',
    'FROM python:3.12-slim\nRUN poetry install --only main\n',
    'FROM ruby:3.3-slim\nRUN bundle install --without development test\n',
    'FROM ruby:3.3-slim\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\n',
    'FROM ruby:3.3-slim\nRUN bundle config set --local without "development test"\nRUN bundle install\n',
    'FROM php:8.3-fpm-alpine\nRUN composer install --no-dev --optimize-autoloader\n',
    { name: 'dev install in a builder stage', code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist /app\n' },
    { name: 'NODE_ENV inherited from the parent stage', code: 'FROM node:20-slim AS base\nENV NODE_ENV=production\nFROM base\nRUN npm ci\n' },
  ],
  invalid: [
    { code: 'FROM node:20-slim\nRUN npm ci\n', errors: [{ line: 2, column: 5, message: 'devDependencies' }] },
    { code: 'FROM node:20-slim\nRUN npm install\n', errors: [{ line: 2 }] },
    { code: 'FROM node:20-slim\nENV NODE_ENV=development\nRUN npm i\n', errors: [{ line: 3 }] },
    { code: 'FROM node:20-slim\nRUN yarn install --frozen-lockfile\n', errors: [{ line: 2, message: '--production' }] },
    { code: 'FROM node:20-slim\nRUN pnpm install --frozen-lockfile\n', errors: [{ line: 2, message: '--prod' }] },
    { code: 'FROM python:3.12-slim\nRUN pip install -r requirements-dev.txt\n', errors: [{ line: 2, message: 'requirements-dev.txt' }] },
    { code: 'FROM python:3.12-slim\nRUN pip install -r requirements/test.txt -r requirements.txt\n', errors: [{ line: 2, message: 'requirements/test.txt' }] },
    { code: "FROM python:3.12-slim\nRUN pip install '.[dev]'\n", errors: [{ line: 2, message: 'extras' }] },
    { code: 'FROM python:3.12-slim\nRUN poetry install --no-root\n', errors: [{ line: 2, message: '--only main' }] },
    { code: 'FROM ruby:3.3-slim\nRUN bundle install --jobs 4\n', errors: [{ line: 2, message: 'BUNDLE_WITHOUT' }] },
    { code: 'FROM php:8.3-fpm-alpine\nRUN composer install --optimize-autoloader\n', errors: [{ line: 2, message: '--no-dev' }] },
    { name: 'final stage FROM a stage that installs', code: 'FROM node:20-slim AS deps\nRUN npm ci\nFROM deps\nCMD ["node", "s.js"]\n', errors: [{ line: 2 }] },
    { name: 'ONBUILD trigger of the parent', code: 'FROM node:20-slim AS base\nONBUILD RUN npm install\nFROM base\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM node:20-slim\nRUN <<EOF\nnpm ci\nEOF\n', errors: [{ line: 3 }] },
    { name: 'escape=`', code: '# escape=`\nFROM node:20-slim\nRUN npm `\n  ci\n', errors: [{ line: 3 }] },
    { name: 'variable names the environment, not production', code: 'FROM node:20-slim\nARG ENVIRONMENT=production\nRUN npm ci\n', errors: [{ line: 3 }] },
  ],
});

describe('dev-dependencies-in-final suggestions', () => {
  const suggested = async (code: string) => {
    const [finding] = await lintText(code, 'Dockerfile', { rules: [devDependenciesInFinal] });
    assert.ok(finding?.suggestions?.[0], 'a suggestion');
    assert.equal(finding.fixable, false);
    return applyEdits(code, finding.suggestions[0]!.edits).text;
  };
  it('adds the exact option', async () => {
    assert.equal(await suggested('FROM node:20-slim\nRUN npm ci --no-audit\n'), 'FROM node:20-slim\nRUN npm ci --omit=dev --no-audit\n');
    assert.equal(await suggested('FROM php:8.3\nRUN composer install -o\n'), 'FROM php:8.3\nRUN composer install --no-dev -o\n');
    assert.equal(await suggested('FROM python:3.12\nRUN poetry install\n'), 'FROM python:3.12\nRUN poetry install --only main\n');
    assert.equal(
      await suggested('FROM ruby:3.3\nRUN bundle install\n'),
      "FROM ruby:3.3\nRUN bundle config set --local without 'development test' && bundle install\n",
    );
  });
});
