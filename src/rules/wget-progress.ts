/** DL3047: wget printing a progress bar line per kilobyte into the build log. */
import type { Rule } from './types.js';
import { commandsOf, hasFlag, programArgs, programName } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const wgetProgress: Rule = {
  meta: {
    id: 'wget-progress',
    aliases: ['DL3047'],
    severity: 'warning',
    title: 'Use wget --progress=dot:giga (or -q / -nv) in RUN',
    practice:
      'Without a terminal, wget prints its progress as dots, one line per few kilobytes: a large download floods the ' +
      'build log with thousands of lines. `--progress=dot:giga`, `-q` or `-nv` keep the log readable.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `wget` without `--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or a log file ' +
        '(`-o`/`--output-file`, `-a`/`--append-output`).',
      bad: 'FROM debian:12\nRUN wget https://example.com/big.tar.gz',
      good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz',
      notes: 'No automatic fix: BusyBox wget (Alpine) does not know `--progress`.',
    }),
  },
  check(context) {
    for (const { command } of commandsOf(context.dockerfile)) {
      if (programName(command) !== 'wget') continue;
      const args = programArgs(command);
      if (hasFlag(args, '--progress', '-q', '--quiet', '-o', '--output-file', '-a', '--append-output', '--no-verbose')) continue;
      if (args.some((a) => a.value === '-nv')) continue;
      context.report({
        range: command.range,
        message: 'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).',
      });
    }
  },
};
