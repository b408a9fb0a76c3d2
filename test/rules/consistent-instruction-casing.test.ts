import { consistentInstructionCasing } from '../../src/rules/consistent-instruction-casing.js';
import { ruleTests } from './rule-tester.js';

ruleTests(consistentInstructionCasing, {
  valid: ['FROM alpine:3.20\nRUN true\nCMD ["sh"]\n', 'from alpine:3.20\nrun true\ncmd ["sh"]\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRun echo hello\nrun true\nCOPY a /a\n',
      errors: [
        { line: 2, column: 1, endColumn: 4, message: "'Run' should match the case of the command majority (uppercase)" },
        { line: 3, message: 'uppercase' },
      ],
      output: 'FROM alpine:3.20\nRUN echo hello\nRUN true\nCOPY a /a\n',
    },
    {
      name: 'lower-case majority',
      code: 'from alpine:3.20\nrun true\nCOPY a /a\nonbuild run make\n',
      errors: [{ line: 3, message: 'lowercase' }],
      output: 'from alpine:3.20\nrun true\ncopy a /a\nonbuild run make\n',
    },
    { name: 'tie goes to upper case', code: 'from alpine:3.20\nRUN true\n', errors: [{ line: 1 }], output: 'FROM alpine:3.20\nRUN true\n' },
  ],
});
