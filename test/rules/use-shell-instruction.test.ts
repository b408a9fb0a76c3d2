import { useShellInstruction } from '../../src/rules/use-shell-instruction.js';
import { ruleTests } from './rule-tester.js';

ruleTests(useShellInstruction, {
  valid: [
    { name: 'a variable target is not judged', code: 'FROM debian:12\nARG SH=/bin/sh\nRUN ln -sf /bin/bash $SH\n' },
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n',
    'FROM debian:12\nRUN ln -s /usr/bin/python3 /usr/local/bin/python\n',
    'FROM debian:12\nRUN echo ln -sf /bin/bash /bin/sh\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n', errors: [{ line: 2, column: 5, message: 'SHELL' }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN ln -sf /bin/bash /bin/sh\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nln -sf /bin/bash /bin/sh\nEOF\n', errors: [{ line: 3 }] },
    { name: 'continuation', code: 'FROM debian:12\nRUN rm /bin/sh \\\n && ln -s /bin/bash /bin/sh\n', errors: [{ line: 3, column: 5 }] },
    { name: 'every stage', code: 'FROM debian:12 AS a\nRUN ln -sf /bin/bash /bin/sh\nFROM debian:12\nCOPY --from=a /x /x\n', errors: [{ line: 2 }] },
  ],
});
