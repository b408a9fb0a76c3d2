import { copyFromOwnStage } from '../../src/rules/copy-from-own-stage.js';
import { ruleTests } from './rule-tester.js';

ruleTests(copyFromOwnStage, {
  valid: ['FROM node:22 AS build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n', 'FROM node:22\nCOPY --from=0 /a /b\n'.replace('FROM node:22\n', 'FROM node:22\nFROM node:22\n')],
  invalid: [
    { code: 'FROM node:22 AS build\nCOPY --from=build /app/dist /dist\n', errors: [{ line: 2, column: 13, message: 'build' }] },
    { name: 'by index', code: 'FROM node:22\nFROM node:22\nCOPY --from=1 /a /b\n', errors: [{ line: 3 }] },
    { name: 'other casing', code: 'FROM node:22 AS build\nCOPY --from=BUILD /a /b\n', errors: [{ line: 2 }] },
  ],
});
