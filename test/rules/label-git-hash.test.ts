import { labelGitHash } from '../../src/rules/label-git-hash.js';
import { ruleTests } from './rule-tester.js';

const config = { labelSchema: { 'org.opencontainers.image.revision': 'hash' as const } };

ruleTests(labelGitHash, {
  valid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.revision=3f786850e387550fdab836ed7e6dc881de23001b\n', config },
    { name: 'short', code: 'FROM debian:12\nLABEL org.opencontainers.image.revision=3f78685\n', config },
    { name: 'from a build argument', code: 'FROM debian:12\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\n', config },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL org.opencontainers.image.revision=main\n', config, errors: [{ line: 2, column: 7, message: 'git hash' }] },
    { name: 'upper case', code: 'FROM debian:12\nARG SHA=3F786850\nLABEL org.opencontainers.image.revision=${SHA}\n', config, errors: [{ line: 3 }] },
    { name: 'continuation', code: 'FROM debian:12\nLABEL a=1 \\\n      org.opencontainers.image.revision=v1\n', config, errors: [{ line: 3, column: 7 }] },
  ],
});
