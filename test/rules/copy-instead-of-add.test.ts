import { copyInsteadOfAdd } from '../../src/rules/copy-instead-of-add.js';
import { ruleTests } from './rule-tester.js';

ruleTests(copyInsteadOfAdd, {
  valid: [
    'FROM alpine:3.20\nCOPY requirements.txt /app/\n',
    { name: 'URL', code: 'FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/\n' },
    { name: 'archive to unpack', code: 'FROM alpine:3.20\nADD rootfs.tar.xz /\n' },
    { name: 'git repository', code: 'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n' },
    { name: 'archive through a variable', code: 'FROM alpine:3.20\nARG PKG=app.tar.gz\nADD $PKG /opt/\n' },
    { name: 'one of several sources is an archive', code: 'FROM alpine:3.20\nADD conf.d app.tgz /opt/\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nADD requirements.txt /app/\n', errors: [{ line: 2, column: 1, endColumn: 4 }], output: 'FROM alpine:3.20\nCOPY requirements.txt /app/\n' },
    { name: 'lower case, flags kept', code: 'from alpine:3.20\nadd --chown=app:app src/ /app/\n', errors: [{ line: 2 }], output: 'from alpine:3.20\ncopy --chown=app:app src/ /app/\n' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'ONBUILD ADD', code: 'FROM alpine:3.20\nONBUILD ADD . /src\n', errors: [{ line: 2, column: 9 }], output: 'FROM alpine:3.20\nONBUILD COPY . /src\n' },
    { name: 'ADD-only flag: reported without a fix', code: 'FROM alpine:3.20\nADD --unpack=false conf /etc/conf\n', errors: [{ line: 2 }] },
    { name: 'exec form', code: 'FROM alpine:3.20\nADD ["a b.txt", "/app/"]\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nCOPY ["a b.txt", "/app/"]\n' },
  ],
});
