import { definitionDescriptionFormat } from '../../src/rules/definition-description-format.js';
import { ruleTests } from './rule-tester.js';

const config = { severityOverrides: { InvalidDefinitionDescription: 'info' as const } };

ruleTests(definitionDescriptionFormat, {
  valid: [
    { name: 'off by default (experimental in BuildKit)', code: '# a non-descriptive comment\nFROM scratch AS base\n' },
    { code: '# build-cli builds the CLI binary\nFROM alpine:3.20 AS build-cli\n# VERSION controls the version of the program\nARG VERSION=1\n', config },
    { name: 'an empty line separates', code: '# a non-descriptive comment\n\nFROM scratch AS base\n', config },
    { name: 'an empty comment separates', code: '# a non-descriptive comment\n#\nFROM scratch AS base\n', config },
    { name: 'FROM without a stage name', code: '# anything\nFROM scratch\n', config },
    { name: 'multi-line comment, last line names it', code: '# intro text\n# base is the root\nFROM scratch AS base\n', config },
    { name: 'one of several ARG names', code: '# B is the second\nARG A=1 B=2\nFROM scratch\n', config },
  ],
  invalid: [
    {
      code: '# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\nARG VERSION=1\n',
      config,
      errors: [
        { line: 2, column: 1, message: '`# base <description>`' },
        { line: 5, message: '`# VERSION <description>`' },
      ],
    },
    { name: 'several ARG names', code: '# the versions\nARG A=1 B=2\nFROM scratch\n', config, errors: [{ line: 2, message: '<arg_key>' }] },
  ],
});
