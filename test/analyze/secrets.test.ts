import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySecret } from '../../src/analyze/secrets.js';
import { formatInspectJson } from '../../src/report/inspect/json.js';
import { formatCycloneDx, formatSpdx } from '../../src/report/inspect/sbom.js';
import { formatInspectText } from '../../src/report/inspect/text.js';
import { analyzeLayers } from './image-fixture.js';

const KEY_BODY = 'MIIEowIBAAKCAQEAsecretsecretsecretKEYMATERIALdonotleak';
const privateKey = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\n`;
const NPM_TOKEN = 'npm_abcdefSECRETTOKEN1234567890';
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const ENV_PASSWORD = 'hunter2-super-secret';

describe('secrets', () => {
  it('finds keys and tokens in any layer, deleted ones too, and never prints their content', async () => {
    const r = await analyzeLayers(
      [
        [
          { path: 'root/.ssh/id_rsa', content: privateKey },
          { path: 'app/.npmrc', content: `//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n` },
          { path: 'app/settings.txt', content: `aws = ${AWS_ID}\n` },
          { path: 'etc/ssl/certs/ca.pem', content: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
          { path: 'app/server.key', content: privateKey },
        ],
        [{ path: 'root/.ssh/.wh.id_rsa' }],
      ],
      { config: { config: { Env: [`DB_PASSWORD=${ENV_PASSWORD}`, 'PATH=/usr/bin', `AWS_KEY_ID_VAR=${AWS_ID}`] } } },
    );
    assert.deepEqual(
      r.surface.secrets.map((s) => `${s.path} ${s.kind} L${s.layer} ${s.visible ? 'visible' : 'deleted'}`).sort(),
      ['/app/.npmrc npm-token L0 visible', '/app/server.key private-key L0 visible', '/root/.ssh/id_rsa private-key L0 deleted'],
    );
    assert.deepEqual(
      r.config.env.map((e) => [e.name, e.value, e.redacted]),
      [
        ['DB_PASSWORD', 'REDACTED', true],
        ['PATH', '/usr/bin', false],
        ['AWS_KEY_ID_VAR', 'REDACTED', true],
      ],
    );
    assert.equal(r.findings.filter((f) => f.rule === 'secret-in-image').length, 3);
    assert.equal(r.findings.filter((f) => f.rule === 'secret-in-env').length, 2);
    assert.equal(r.findings[0]!.severity, 'error');
    const outputs = [
      formatInspectJson(r),
      formatInspectText(r, { color: false, layers: true, files: true }),
      formatCycloneDx(r),
      formatSpdx(r),
    ];
    for (const out of outputs) {
      for (const secret of [KEY_BODY, NPM_TOKEN, ENV_PASSWORD, AWS_ID, 'BEGIN RSA PRIVATE KEY']) {
        assert.ok(!out.includes(secret), `an output contains ${secret}`);
      }
    }
    assert.match(outputs[1]!, /\/app\/server\.key in layer 0 looks like a private-key \(REDACTED\)/);
  });

  it('tells secrets from look-alikes', () => {
    assert.equal(classifySecret('/etc/ssl/private/x.pem', '-----BEGIN CERTIFICATE-----'), null);
    assert.equal(classifySecret('/a/id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n'), 'private-key');
    assert.equal(classifySecret('/app/.env', 'DEBUG=1\nAPI_KEY=abc\n'), 'env-file-secret');
    assert.equal(classifySecret('/app/.env', 'DEBUG=1\nAPI_KEY=\n'), null);
    assert.equal(classifySecret('/root/.docker/config.json', '{"auths":{"r":{"auth":"dXNlcjpwYXNz"}}}'), 'registry-credentials');
    assert.equal(classifySecret('/root/.docker/config.json', '{"credsStore":"desktop"}'), null);
    assert.equal(classifySecret('/root/.git-credentials', 'https://me:tok@github.com\n'), 'git-credentials');
    assert.equal(classifySecret('/app/keystore.p12', null), 'keystore');
    assert.equal(classifySecret('/root/.npmrc', 'registry=https://registry.npmjs.org/\n'), null);
  });
});
