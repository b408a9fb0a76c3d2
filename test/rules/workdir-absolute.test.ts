import { workdirAbsolute } from '../../src/rules/workdir-absolute.js';
import { ruleTests } from './rule-tester.js';

ruleTests(workdirAbsolute, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app\n',
    { name: 'relative after an absolute one in the stage', code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n' },
    { name: 'relative after an absolute one in the base stage', code: 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n' },
    { name: 'variable expanding to an absolute path', code: 'FROM alpine:3.20\nARG HOME_DIR=/srv\nWORKDIR ${HOME_DIR}/app\n' },
    { name: 'unknown variable is not judged', code: 'FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\n' },
    { name: 'windows absolute path', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n' },
    { name: 'quoted absolute path', code: 'FROM alpine:3.20\nWORKDIR "/my app"\n' },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nWORKDIR usr/share/nginx/html\n', errors: [{ line: 2, column: 9, endColumn: 29, message: 'usr/share/nginx/html' }] },
    {
      name: 'an absolute WORKDIR in another, unrelated stage does not count',
      code: 'FROM alpine:3.20 AS a\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR app\n',
      errors: [{ line: 4 }],
    },
    { name: 'variable expanding to a relative path', code: 'FROM alpine:3.20\nENV D=app\nWORKDIR $D\n', errors: [{ line: 3 }] },
    { name: 'escape=` file', code: '# escape=`\nFROM alpine:3.20\nWORKDIR `\n  app\n', errors: [{ line: 4, column: 3 }] },
  ],
});
