/** DL4001: both wget and curl in one stage. */
import type { Rule } from './types.js';
import type { ShellCommand } from '../dockerfile/shell-model.js';
import { programName, runInstructions } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const wgetOrCurl: Rule = {
  meta: {
    id: 'wget-or-curl',
    aliases: ['DL4001'],
    severity: 'warning',
    title: 'Use either wget or curl, not both',
    practice: 'Two download tools do one job: installing both adds a package (and its libraries) the image does not need.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports, within one stage, each RUN that uses wget or curl once both have been used in that stage (ONBUILD ' +
        'triggers included).',
      bad: 'FROM debian:12\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
      good: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
    }),
  },
  check(context) {
    const seenByStage = new Map<number, Set<string>>();
    for (const run of runInstructions(context.dockerfile)) {
      const tools = run.shell.commands
        .map((command) => ({ command, name: programName(command) }))
        .filter((t): t is { command: ShellCommand; name: 'curl' | 'wget' } => t.name === 'curl' || t.name === 'wget');
      if (tools.length === 0) continue;
      const seen = seenByStage.get(run.stageIndex) ?? new Set<string>();
      seenByStage.set(run.stageIndex, seen);
      for (const t of tools) seen.add(t.name);
      if (seen.size < 2) continue;
      context.report({ range: tools[0]!.command.range, message: 'Either use Wget or Curl but not both.' });
    }
  },
};
