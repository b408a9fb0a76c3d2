import { copyMultipleSourcesDestSlash } from '../../src/rules/copy-multiple-sources-dest-slash.js';
import { ruleTests } from './rule-tester.js';

ruleTests(copyMultipleSourcesDestSlash, {
  valid: [
    'FROM node:22\nCOPY package.json package-lock.json /app/\n',
    { name: 'one source', code: 'FROM node:22\nCOPY package.json /app\n' },
    { name: 'destination variable ending in /', code: 'FROM node:22\nARG DEST=/app/\nCOPY a b $DEST\n' },
    { name: 'exec form with slash', code: 'FROM node:22\nCOPY ["a", "b", "/app/"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCOPY package.json package-lock.json /app\n',
      errors: [{ line: 2, column: 6, message: 'end with /' }],
      output: 'FROM node:22\nCOPY package.json package-lock.json /app/\n',
    },
    { name: 'exec form', code: 'FROM node:22\nCOPY ["a", "b", "/app"]\n', errors: [{ line: 2 }], output: 'FROM node:22\nCOPY ["a", "b", "/app/"]\n' },
    { name: 'ADD too, with flags', code: 'FROM node:22\nADD --chown=1:1 a b /app\n', errors: [{ line: 2, message: 'ADD' }], output: 'FROM node:22\nADD --chown=1:1 a b /app/\n' },
    {
      name: 'heredoc sources',
      code: 'FROM node:22\nCOPY <<A <<B /etc\na\nA\nb\nB\n',
      errors: [{ line: 2 }],
      output: 'FROM node:22\nCOPY <<A <<B /etc/\na\nA\nb\nB\n',
    },
    {
      name: 'destination on a continuation line',
      code: 'FROM node:22\nCOPY a b \\\n  /srv/app\n',
      errors: [{ line: 2 }],
      output: 'FROM node:22\nCOPY a b \\\n  /srv/app/\n',
    },
  ],
});
