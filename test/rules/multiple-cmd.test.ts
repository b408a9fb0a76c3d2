import { multipleCmd } from '../../src/rules/multiple-cmd.js';
import { ruleTests } from './rule-tester.js';

ruleTests(multipleCmd, {
  valid: [
    'FROM app:1\nCMD ["a"]\n',
    { name: 'one per stage', code: 'FROM app:1 AS a\nCMD ["a"]\nFROM app:1\nCMD ["b"]\n' },
    { name: 'ONBUILD CMD is for child images', code: 'FROM app:1\nONBUILD CMD ["x"]\nCMD ["a"]\n' },
  ],
  invalid: [
    {
      code: 'FROM app:1\nCMD ["a"]\nRUN true\nCMD ["b"]\n',
      errors: [{ line: 2, column: 1, message: 'line 4' }],
    },
    { name: 'three', code: 'FROM app:1\nCMD a\nCMD b\nCMD c\n', errors: [{ line: 2 }, { line: 3 }] },
    { name: 'shell form, other stage unaffected', code: 'FROM app:1 AS a\nCMD a\nCMD b\nFROM a\nCMD c\n', errors: [{ line: 2 }] },
  ],
});
