/** DL3021: with several sources, COPY/ADD need a directory destination ending in `/`. */
import type { CopyInstruction, Dockerfile } from '../dockerfile/model.js';
import type { TextEdit } from '../core/edits.js';
import type { Rule } from './types.js';
import { hasUnresolvedVariable } from './util/images.js';
import { withTriggers } from './util/stage-scope.js';
import { findLastIn } from './util/text-locate.js';

/** Inserts `/` at the end of the destination as written (inside its quotes), when it can be found. */
function appendSlash(df: Dockerfile, copy: CopyInstruction): TextEdit[] | undefined {
  const from = copy.argsRange.start.offset;
  const to = copy.heredocs.length > 0 ? copy.heredocs[0]!.contentRange.start.offset : copy.range.end.offset;
  const dest = copy.destination;
  if (copy.form === 'exec') {
    const quoted = JSON.stringify(dest);
    const at = findLastIn(df, quoted, from, to);
    return at >= 0 ? [{ start: at + quoted.length - 1, end: at + quoted.length - 1, replacement: '/' }] : undefined;
  }
  const at = findLastIn(df, dest, from, to);
  if (at < 0) return undefined;
  const after = df.text.slice(at + dest.length, to);
  // Only the last word may follow: whitespace, a line end, or a quote closing the destination.
  const close = /^["']?(?=\s|$)/.exec(after);
  if (!close) return undefined;
  const insertAt = at + dest.length - (/["']$/.test(dest) ? 1 : 0);
  return [{ start: insertAt, end: insertAt, replacement: '/' }];
}

export const copyMultipleSourcesDestSlash: Rule = {
  meta: {
    id: 'copy-multiple-sources-dest-slash',
    aliases: ['DL3021'],
    severity: 'error',
    title: 'End the destination with / when copying several sources',
    practice: 'With more than one source the destination must be a directory; without the trailing `/` the build fails.',
    source: 'hadolint',
    fixable: true,
    keywords: ['COPY', 'ADD'],
    docs: [
      'The fix appends `/` to the destination, which is what the build needs to succeed.',
      '',
      'Bad:',
      '```dockerfile',
      'COPY package.json package-lock.json /app',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'COPY package.json package-lock.json /app/',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const instruction of withTriggers(df.instructions)) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.sources.length < 2) continue;
      const dest = context.expand(instruction.destination, instruction).replace(/["']$/, '');
      if (!dest || dest.endsWith('/') || dest.endsWith('\\') || hasUnresolvedVariable(dest)) continue;
      const fix = appendSlash(df, instruction);
      context.report({
        range: instruction.argsRange,
        message: `${instruction.keyword} with more than 2 arguments requires the last argument to end with /`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
