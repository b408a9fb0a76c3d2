import { yarnCacheClean } from '../../src/rules/yarn-cache-clean.js';
import { ruleTests } from './rule-tester.js';

ruleTests(yarnCacheClean, {
  valid: [
    'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:22\nRUN yarn build\n',
    { name: 'cache mount', code: 'FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n' },
    { name: 'builder stage', code: 'FROM node:22 AS build\nRUN yarn install\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nRUN yarn install --frozen-lockfile\n',
      errors: [{ line: 2, column: 5, message: 'yarn cache clean' }],
      output: 'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    },
    { name: 'bare yarn', code: 'FROM node:22\nRUN yarn\n', errors: [{ line: 2 }], output: 'FROM node:22\nRUN yarn && yarn cache clean\n' },
    { name: 'ONBUILD', code: 'FROM node:22\nONBUILD RUN yarn install\n', errors: [{ line: 2 }], output: 'FROM node:22\nONBUILD RUN yarn install && yarn cache clean\n' },
    { name: 'heredoc with set -e', code: 'FROM node:22\nRUN <<EOF\nset -e\nyarn install\nEOF\n', errors: [{ line: 4 }], output: 'FROM node:22\nRUN <<EOF\nset -e\nyarn install\nyarn cache clean\nEOF\n' },
    { name: 'continuation', code: 'FROM node:22\nRUN yarn install \\\n    --frozen-lockfile\n', errors: [{ line: 2 }], output: 'FROM node:22\nRUN yarn install \\\n    --frozen-lockfile && yarn cache clean\n' },
  ],
});
