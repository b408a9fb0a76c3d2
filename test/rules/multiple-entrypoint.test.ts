import { multipleEntrypoint } from '../../src/rules/multiple-entrypoint.js';
import { ruleTests } from './rule-tester.js';

ruleTests(multipleEntrypoint, {
  valid: [
    'FROM app:1\nENTRYPOINT ["a"]\nCMD ["b"]\n',
    { name: 'skipped by its BuildKit name', code: 'FROM app:1\nENTRYPOINT a\nENTRYPOINT b\n', config: { ignored: ['MultipleInstructionsDisallowed'] } },
  ],
  invalid: [
    { code: 'FROM app:1\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', errors: [{ line: 2, message: 'ENTRYPOINT' }] },
    {
      name: 'multi-line earlier instruction reported at its keyword',
      code: 'FROM app:1\nENTRYPOINT ["a", \\\n  "b"]\nENTRYPOINT ["c"]\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 11 }],
    },
  ],
});
