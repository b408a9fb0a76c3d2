import { addToExtractArchives } from '../../src/rules/add-to-extract-archives.js';
import { ruleTests } from './rule-tester.js';

ruleTests(addToExtractArchives, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/\n',
    'FROM debian:12\nCOPY app.tar.gz /tmp/\n',
    { name: 'zip is not extracted by ADD', code: 'FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n' },
    { name: 'extracted in another stage', code: 'FROM debian:12 AS a\nCOPY app.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/app.tar.gz\n' },
    { name: 'COPY --from', code: 'FROM debian:12 AS a\nRUN tar -czf /a.tgz /etc\nFROM debian:12\nCOPY --from=a /a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\n' },
    { name: 'tar creates, not extracts', code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -cf /tmp/app.tar /etc\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n', errors: [{ line: 2, column: 1, endColumn: 5, message: 'ADD' }] },
    { name: 'old-style options', code: 'FROM debian:12\nCOPY ./dist/app.tgz /tmp/\nRUN tar xzf /tmp/app.tgz\n', errors: [{ line: 2 }] },
    { name: 'archive named by the destination', code: 'FROM debian:12\nCOPY build-output /tmp/app.tar.xz\nRUN tar --extract -f /tmp/app.tar.xz\n', errors: [{ line: 2 }] },
    { name: 'heredoc RUN', code: 'FROM debian:12\nCOPY a.tar.bz2 /tmp/\nRUN <<EOF\ntar -xjf /tmp/a.tar.bz2\nEOF\n', errors: [{ line: 2 }] },
    { name: 'continuation', code: 'FROM debian:12\nCOPY a.tar /tmp/\nRUN mkdir /x \\\n && tar -xf /tmp/a.tar -C /x\n', errors: [{ line: 2 }] },
  ],
});
