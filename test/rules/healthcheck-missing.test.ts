import { healthcheckMissing } from '../../src/rules/healthcheck-missing.js';
import { ruleTests } from './rule-tester.js';

ruleTests(healthcheckMissing, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]\n',
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    { name: 'inherited from the stage the final image builds on', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["true"]\nFROM base\nRUN true\n' },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nCMD ["nginx"]\n', errors: [{ line: 1, column: 1, message: 'HEALTHCHECK' }] },
    {
      name: 'a healthcheck in a build stage does not ship',
      code: 'FROM golang:1.23 AS build\nHEALTHCHECK CMD ["true"]\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 3 }],
    },
    { name: 'ONBUILD HEALTHCHECK is for child images', code: 'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD ["true"]\n', errors: [{ line: 1 }] },
  ],
});
