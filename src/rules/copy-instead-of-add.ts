/** DL3020: ADD only for what COPY cannot do (URLs, git, archives to unpack). */
import type { Rule } from './types.js';
import { hasUnresolvedVariable } from './util/images.js';
import { isArchiveSource, isGitSource, isUrlSource } from './util/copy-sources.js';
import { withTriggers } from './util/stage-scope.js';
import { caseLike } from './util/text-locate.js';

/** Flags only ADD understands; with them the instruction cannot simply become COPY. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const copyInsteadOfAdd: Rule = {
  meta: {
    id: 'copy-instead-of-add',
    aliases: ['DL3020'],
    severity: 'error',
    title: 'Use COPY instead of ADD for files and folders',
    practice:
      'ADD also downloads URLs and unpacks archives, so a reader cannot tell what an ADD of a local path does without knowing the file; COPY does exactly one thing.',
    source: 'hadolint',
    fixable: true,
    keywords: ['ADD'],
    docs: [
      'Reports ADD when every source is a local path or heredoc that is not a tar archive (judged after ARG/ENV expansion).',
      'The fix replaces the keyword; an ADD with flags only ADD has (`--checksum`, `--keep-git-dir`, `--unpack`) is reported',
      'without a fix.',
      '',
      'Bad:',
      '```dockerfile',
      'ADD requirements.txt /app/',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'COPY requirements.txt /app/',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const instruction of withTriggers(context.dockerfile.instructions)) {
      if (instruction.keyword !== 'ADD' || instruction.sources.length === 0) continue;
      const sources = instruction.sources.map((s) => (s.startsWith('<<') ? s : context.expand(s, instruction)));
      if (sources.some((s) => hasUnresolvedVariable(s) || isUrlSource(s) || isGitSource(s) || isArchiveSource(s))) continue;
      const fixable = !instruction.flags.some((f) => ADD_ONLY_FLAGS.has(f.name.toLowerCase()));
      const { start, end } = instruction.keywordRange;
      context.report({
        range: instruction.keywordRange,
        message: 'Use COPY instead of ADD for files and folders',
        ...(fixable ? { fix: [{ start: start.offset, end: end.offset, replacement: caseLike('COPY', instruction.rawKeyword) }] } : {}),
      });
    }
  },
};
