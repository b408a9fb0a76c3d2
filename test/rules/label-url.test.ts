import { labelUrl } from '../../src/rules/label-url.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.source': 'url' as const } };

ruleTests(labelUrl, {
  valid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\n', config },
    { name: 'expanded', code: 'FROM debian:12\nARG REPO=https://github.com/acme/app\nLABEL org.opencontainers.image.source=$REPO\n', config },
    { name: 'unknown variable', code: 'FROM debian:12\nLABEL org.opencontainers.image.source=$REPO\n', config },
    { name: 'no schema', code: 'FROM debian:12\nLABEL org.opencontainers.image.source=nope\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.source="github.com/acme/app"\n', config, errors: [{ line: 2, column: 7, message: 'not a valid URL' }] },
    { name: 'expanded value is checked', code: 'FROM debian:12\nARG REPO="acme app"\nLABEL org.opencontainers.image.source="https://$REPO" x=1\n', config, errors: [{ line: 3 }] },
  ],
});
