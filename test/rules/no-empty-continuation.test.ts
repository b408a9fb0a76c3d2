import { noEmptyContinuation } from '../../src/rules/no-empty-continuation.js';
import { ruleTests } from './rule-tester.js';

ruleTests(noEmptyContinuation, {
  valid: [
    'FROM alpine:3.20\nRUN apk add \\\n    curl\n',
    { name: 'comment lines are not empty', code: 'FROM alpine:3.20\nEXPOSE \\\n# Port\n80\n' },
    { name: 'blank lines between instructions', code: 'FROM alpine:3.20\n\nRUN true\n\n' },
    { name: 'empty lines inside a heredoc body', code: 'FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n',
      errors: [{ line: 3, column: 1 }, { line: 5, column: 1 }],
      output: 'FROM alpine:3.20\nRUN apk add \\\n    gnupg \\\n    curl\n',
    },
    {
      name: 'escape=` and whitespace-only line',
      code: '# escape=`\nFROM alpine:3.20\nEXPOSE `\n   \n80\n',
      errors: [{ line: 4 }],
      output: '# escape=`\nFROM alpine:3.20\nEXPOSE `\n80\n',
    },
    {
      name: 'CRLF line ends',
      code: 'FROM alpine:3.20\r\nRUN echo \\\r\n\r\n  hi\r\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.20\r\nRUN echo \\\r\n  hi\r\n',
    },
  ],
});
