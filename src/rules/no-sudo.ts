/** DL3004: sudo in RUN. */
import type { Rule } from './types.js';
import { basename, commandsOf, unwrapCommand } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const noSudo: Rule = {
  meta: {
    id: 'no-sudo',
    aliases: ['DL3004'],
    severity: 'error',
    title: 'Do not use sudo in RUN',
    practice:
      'sudo needs a TTY and a sudoers setup, behaves differently across images and keeps a privilege-escalation tool in ' +
      'the image. Switch users with USER, or use gosu/su-exec in an entrypoint when root is needed first.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary: 'Reports `sudo` anywhere in a RUN, also when wrapped (`env sudo ...`) or nested (`sh -c "sudo ..."`).',
      bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get update',
      good: 'FROM debian:12\nRUN apt-get update\nUSER app',
    }),
  },
  check(context) {
    for (const { command } of commandsOf(context.dockerfile)) {
      const uses = command.words.length > 0 && (basename(command.words[0]!.value) === 'sudo' || unwrapCommand(command).wrappers.includes('sudo'));
      if (!uses) continue;
      const word = command.words.find((w) => basename(w.value) === 'sudo') ?? command.words[0]!;
      context.report({
        range: word.range,
        message: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root.',
      });
    }
  },
};
