import { maintainerDeprecated } from '../../src/rules/maintainer-deprecated.js';
import { ruleTests } from './rule-tester.js';

ruleTests(maintainerDeprecated, {
  valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
      errors: [{ line: 2, column: 1, endColumn: 11 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    {
      name: 'quotes and dollars are escaped so the label keeps the text',
      code: 'FROM alpine:3.20\nmaintainer "Ops" $TEAM\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nlabel org.opencontainers.image.authors="\\"Ops\\" \\$TEAM"\n',
    },
    {
      name: 'escape=` uses the backtick',
      code: '# escape=`\nFROM alpine:3.20\nMAINTAINER a"b\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="a`"b"\n',
    },
    {
      name: 'in an ONBUILD trigger',
      code: 'FROM alpine:3.20\nONBUILD MAINTAINER me\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM alpine:3.20\nONBUILD LABEL org.opencontainers.image.authors="me"\n',
    },
  ],
});
