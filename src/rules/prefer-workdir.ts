/** DL3003: `cd` in RUN instead of WORKDIR. */
import type { Rule } from './types.js';
import { commandsOf, programName } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const preferWorkdir: Rule = {
  meta: {
    id: 'prefer-workdir',
    aliases: ['DL3003'],
    severity: 'warning',
    title: 'Use WORKDIR to switch to a directory, not cd',
    practice:
      'A `cd` lasts only for its RUN, so later instructions silently run elsewhere; WORKDIR sets the directory for every ' +
      'following instruction and for the container, and documents it.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary: 'Reports `cd` in a RUN instruction (ONBUILD RUN triggers included).',
      bad: 'FROM golang:1.23\nRUN cd /src && go build ./...',
      good: 'FROM golang:1.23\nWORKDIR /src\nRUN go build ./...',
    }),
  },
  check(context) {
    for (const { command } of commandsOf(context.dockerfile)) {
      if (programName(command) !== 'cd') continue;
      context.report({ range: command.range, message: 'Use WORKDIR to switch to a directory.' });
    }
  },
};
