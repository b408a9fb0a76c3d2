/** DL4005: replacing /bin/sh with ln instead of using SHELL. */
import type { Rule } from './types.js';
import { commandsOf, programArgs, programName } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const useShellInstruction: Rule = {
  meta: {
    id: 'use-shell-instruction',
    aliases: ['DL4005'],
    severity: 'warning',
    title: 'Use SHELL to change the default shell, not ln to /bin/sh',
    practice:
      'Linking another shell over /bin/sh changes the shell of every program in the image that runs `sh`, not just ' +
      'the build; the SHELL instruction changes only what RUN uses, visibly.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary: 'Reports `ln` with `/bin/sh` among its arguments.',
      bad: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]',
    }),
  },
  check(context) {
    for (const { command } of commandsOf(context.dockerfile)) {
      if (programName(command) !== 'ln' || !programArgs(command).some((a) => a.value === '/bin/sh')) continue;
      context.report({ range: command.range, message: 'Use SHELL to change the default shell.' });
    }
  },
};
