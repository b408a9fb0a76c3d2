import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEmail, isGitHash, isRfc3339, isSemver, isSpdx, isUrl, isValidLabelKey } from '../../../src/rules/util/labels.js';

function table(name: string, fn: (v: string) => boolean, valid: string[], invalid: string[]): void {
  describe(name, () => {
    for (const v of valid) it(`accepts ${JSON.stringify(v)}`, () => assert.equal(fn(v), true));
    for (const v of invalid) it(`rejects ${JSON.stringify(v)}`, () => assert.equal(fn(v), false));
  });
}

table('isValidLabelKey', isValidLabelKey,
  ['org.opencontainers.image.title', 'maintainer', 'a1', 'com.example.my-label'],
  ['Maintainer', '1abc', 'abc.', 'a..b', 'a--b', 'a_b', 'com.docker.x', 'io.docker.y', 'org.dockerproject.z', '']);
table('isUrl', isUrl,
  ['https://github.com/acme/app', 'http://example.com:8080/x?y=1', 'mailto:ops@example.com'],
  ['github.com/acme/app', 'not a url', '', 'https://exa mple.com']);
table('isRfc3339', isRfc3339,
  ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.123+02:00', '2024-02-29t23:59:60z', '2024-05-01 12:00:00-05:30'],
  ['2024-05-01', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T24:00:00Z', '01/05/2024 12:00', '2024-05-01T12:00:00']);
table('isSpdx', isSpdx,
  ['MIT', 'Apache-2.0', 'MIT OR Apache-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0', 'LicenseRef-Acme'],
  ['Apache License 2', 'MIT/X11', '', 'Apache-2.0 OR']);
table('isGitHash', isGitHash,
  ['3f78685', '3f786850e387550fdab836ed7e6dc881de23001b', 'a'.repeat(64)],
  ['main', '3F786850', 'abc', '3f786850e387550fdab836ed7e6dc881de23001bb', 'g123456']);
table('isSemver', isSemver,
  ['1.4.2', '0.0.0', '2.0.0-rc.1', '1.0.0-alpha+001', '1.0.0+20130313144700'],
  ['v1.4.2', '1.4', '01.2.3', '1.2.3-', '1.2.3-01', '']);
table('isEmail', isEmail,
  ['ops@example.com', 'first.last+tag@sub.example.org', '"odd name"@example.com', 'a@[192.168.0.1]'],
  ['ops team', 'ops@', '@example.com', 'a@b@c', 'a..b@example.com', '']);
