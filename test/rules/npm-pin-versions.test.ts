import { npmPinVersions } from '../../src/rules/npm-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(npmPinVersions, {
  valid: [
    'FROM node:22\nRUN npm install\n',
    'FROM node:22\nRUN npm ci --omit=dev\n',
    'FROM node:22\nRUN npm install -g typescript@5.6.3 @angular/cli@18.2.0 express@latest\n',
    'FROM node:22\nRUN npm install ./local-pkg ../other /abs/pkg.tgz app.tar.gz\n',
    'FROM node:22\nRUN npm install git+https://github.com/acme/lib.git#v1.2.0\n',
    'FROM node:22\nRUN npm run build && npm cache clean --force\n',
    { name: 'version from an ARG', code: 'FROM node:22\nARG TS=5.6.3\nRUN npm install -g typescript@$TS\n' },
    { name: '--prefix value is not a package', code: 'FROM node:22\nRUN npm --prefix /app install\n' },
  ],
  invalid: [
    { code: 'FROM node:22\nRUN npm install -g typescript\n', errors: [{ line: 2, column: 5, message: '`typescript`' }] },
    { name: 'scoped without version', code: 'FROM node:22\nRUN npm i @angular/cli\n', errors: [{ line: 2, message: '`@angular/cli`' }] },
    { name: 'git without a commit', code: 'FROM node:22\nRUN npm add git+https://github.com/acme/lib.git\n', errors: [{ line: 2 }] },
    { name: 'ONBUILD', code: 'FROM node:22\nONBUILD RUN npm install express\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM node:22\nRUN <<EOF\nnpm install -g pnpm\nEOF\n', errors: [{ line: 3 }] },
    { name: 'any stage', code: 'FROM node:22 AS build\nRUN npm install -g pnpm\nFROM nginx:1.27\n', errors: [{ line: 2 }] },
  ],
});
