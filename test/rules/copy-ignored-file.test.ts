import { copyIgnoredFile } from '../../src/rules/copy-ignored-file.js';
import { ruleTests } from './rule-tester.js';

const context = { '.dockerignore': '# docs\n*.md\n**/tmp\nnode_modules\nsecrets/\n!secrets/public.pem\n', 'README.md': '# hi', 'src/app.js': '' };

ruleTests(copyIgnoredFile, {
  valid: [
    { name: 'no build context known', code: 'FROM node:22\nCOPY README.md /docs/\n' },
    { code: 'FROM node:22\nCOPY src/app.js /app/\nCOPY . /app\n', context },
    { name: 'from another stage', code: 'FROM node:22 AS b\nFROM node:22\nCOPY --from=b /x/README.md /docs/\n', context },
    { name: 'heredoc and URL', code: 'FROM node:22\nCOPY <<EOF /x.md\nhi\nEOF\nADD https://example.com/a.md /docs/\n', context },
    { name: 'directory partly re-included', code: 'FROM node:22\nCOPY secrets /keys\n', context },
    { name: 'no .dockerignore', code: 'FROM node:22\nCOPY README.md /docs/\n', context: { 'README.md': '' } },
  ],
  invalid: [
    { code: 'FROM node:22\nCOPY README.md /docs/\n', context, errors: [{ line: 2, column: 6, message: 'Attempting to Copy file "README.md" that is excluded by .dockerignore' }] },
    { name: 'leading ./ and nested tmp', code: 'FROM node:22\nADD ./build/tmp/cache /cache\n', context, errors: [{ line: 2, message: 'Add file "./build/tmp/cache"' }] },
    { name: 'through a variable', code: 'FROM node:22\nARG DOC=CHANGELOG.md\nCOPY $DOC node_modules /app/\n', context, errors: [{ line: 3, message: '$DOC' }, { line: 3, message: 'node_modules' }] },
  ],
});
