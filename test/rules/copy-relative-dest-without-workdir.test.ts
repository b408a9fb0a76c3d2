import { copyRelativeDestWithoutWorkdir } from '../../src/rules/copy-relative-dest-without-workdir.js';
import { ruleTests } from './rule-tester.js';

ruleTests(copyRelativeDestWithoutWorkdir, {
  valid: [
    'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .\n',
    { name: 'absolute destination', code: 'FROM node:22-alpine\nCOPY package.json /app/\n' },
    { name: 'WORKDIR inherited from the stage built on', code: 'FROM node:22 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n' },
    { name: 'destination variable expanding to absolute', code: 'FROM node:22\nENV APP=/app\nCOPY . $APP\n' },
    { name: 'ONBUILD trigger is not judged', code: 'FROM node:22\nONBUILD COPY . .\n' },
    { name: 'windows absolute destination', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe C:/app/\n' },
  ],
  invalid: [
    { code: 'FROM node:22-alpine\nCOPY package.json .\n', errors: [{ line: 2, column: 6, message: 'relative destination "."' }] },
    { name: 'WORKDIR after the COPY does not count', code: 'FROM node:22\nCOPY . app/\nWORKDIR /app\n', errors: [{ line: 2 }] },
    { name: 'WORKDIR of an unrelated stage does not count', code: 'FROM node:22 AS a\nWORKDIR /app\nFROM node:22\nCOPY . .\n', errors: [{ line: 4 }] },
    { name: 'ADD too', code: 'FROM node:22\nADD https://example.com/x.tgz vendor/\n', errors: [{ line: 2, message: 'ADD' }] },
  ],
});
