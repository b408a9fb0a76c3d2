import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../src/lint/engine.js';
import { isSecretName, secretInArgOrEnv, secretValueKind } from '../../src/rules/secret-in-arg-or-env.js';
import { findRule } from '../../src/rules/index.js';
import { redact } from '../../src/rules/util/seeds.js';
import { ruleTests } from './rule-tester.js';

const AWS = 'AKIAIOSFODNN7EXAMPLE';
const GITHUB = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';

ruleTests(secretInArgOrEnv, {
  valid: [
    'FROM alpine:3.20\nARG VERSION=1.2\nENV PATH=/usr/local/bin:$PATH\n',
    'FROM alpine:3.20\nARG PUBLIC_KEY\nENV GPG_KEY_FILE=/etc/key.asc\n',
    'FROM alpine:3.20\nENV KEYBOARD=us MONKEY=1 TOKENIZER=bert\n',
    'FROM alpine:3.20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n',
    { name: 'secret only in a heredoc script', code: 'FROM alpine:3.20\nRUN <<EOF\nexport TOKEN=abc\nEOF\n' },
    { name: 'a URL without a password', code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://db:5432/app\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\n', errors: [{ line: 2, column: 5, message: 'ARG "GITHUB_TOKEN"' }] },
    { code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2 API_KEY=x\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 25, message: 'ENV "API_KEY"' }] },
    { name: 'legacy ENV form', code: 'FROM alpine:3.20\nENV AUTH basic\n', errors: [{ line: 2, message: '"AUTH"' }] },
    { name: 'global ARG', code: 'ARG NPM_TOKEN\nFROM node:20-slim\n', errors: [{ line: 1 }] },
    { name: 'builder stage too', code: 'FROM node:20 AS build\nARG NPM_TOKEN\nFROM node:20-slim\n', errors: [{ line: 2 }] },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD ARG SECRET_KEY\n', errors: [{ line: 2, message: 'SECRET_KEY' }] },
    { name: 'value from another variable still names a secret', code: 'FROM alpine:3.20\nARG TOKEN\nENV API_TOKEN=$TOKEN\n', errors: [{ line: 2 }, { line: 3 }] },
    { name: 'names BuildKit misses', code: 'FROM alpine:3.20\nENV SSH_PASSPHRASE=x DBPASSWORD=y\n', errors: [{ line: 2 }, { line: 2 }] },
    { name: 'secret value under an innocent name', code: `FROM alpine:3.20\nENV CONFIG=${AWS}\n`, errors: [{ line: 2, message: 'AWS access key ID (AKIA… (20 characters))' }] },
    { name: 'GitHub token as an ARG default', code: `FROM alpine:3.20\nARG GH=${GITHUB}\n`, errors: [{ line: 2, message: 'GitHub token' }] },
    { name: 'password in a URL', code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:s3cretpw@db:5432/app\n', errors: [{ line: 2, message: 'password in a URL' }] },
    { name: 'escape=` continuation', code: '# escape=`\nFROM alpine:3.20\nENV A=1 `\n    CLIENT_SECRET=x\n', errors: [{ line: 4 }] },
  ],
});

describe('secret-in-arg-or-env', () => {
  it('never prints a secret value', async () => {
    const text = `FROM alpine:3.20\nENV GITHUB_TOKEN=${GITHUB}\nARG AWS=${AWS}\nENV K="-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA"\n`;
    const findings = await lintText(text, 'Dockerfile', { rules: [secretInArgOrEnv] });
    assert.equal(findings.length, 3);
    for (const f of findings) {
      assert.ok(!f.message.includes(GITHUB.slice(0, 10)), f.message);
      assert.ok(!f.message.includes(AWS.slice(0, 10)), f.message);
      assert.ok(!f.message.includes('MIIEow'), f.message);
    }
  });
  it('answers to the BuildKit name', () => {
    assert.equal(findRule('SecretsUsedInArgOrEnv'), secretInArgOrEnv);
  });
  it('matches names with BuildKit words', () => {
    for (const n of ['api_key', 'DATABASE_PASSWORD', 'GITHUB_TOKEN', 'secret_MESSAGE', 'AUTH', 'aws_credentials', 'PWORD']) assert.ok(isSecretName(n), n);
    for (const n of ['KEYS', 'PUBLIC_TOKEN', 'TOKEN_FILE', 'NODE_VERSION', 'AUTHOR', 'MAX_TOKENS']) assert.ok(!isSecretName(n), n);
  });
  it('recognises secret formats and redacts', () => {
    assert.equal(secretValueKind('xoxb-1234567890-abcdef'), 'a Slack token');
    assert.equal(secretValueKind('hello'), undefined);
    assert.equal(redact('abcdefgh'), 'abcd… (8 characters)');
  });
});
