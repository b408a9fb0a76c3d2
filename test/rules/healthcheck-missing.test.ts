import { healthcheckMissing } from '../../src/rules/healthcheck-missing.js';
import { ruleTests } from './rule-tester.js';

const enabled = { severityOverrides: { DL3057: 'info' as const } };

ruleTests(healthcheckMissing, {
  valid: [
    { name: 'off by default (opt-in)', code: 'FROM nginx:1.27\nCMD ["nginx"]\n' },
    { code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]\n', config: enabled },
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n', config: enabled },
    { name: 'inherited from the stage the final image builds on', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["true"]\nFROM base\nRUN true\n', config: enabled },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nCMD ["nginx"]\n', config: enabled, errors: [{ line: 1, column: 1, message: 'HEALTHCHECK' }] },
    {
      name: 'a healthcheck in a build stage does not ship',
      code: 'FROM golang:1.23 AS build\nHEALTHCHECK CMD ["true"]\nFROM scratch\nCOPY --from=build /app /app\n',
      config: enabled,
      errors: [{ line: 3 }],
    },
    { name: 'ONBUILD HEALTHCHECK is for child images', code: 'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD ["true"]\n', config: enabled, errors: [{ line: 1 }] },
  ],
});
