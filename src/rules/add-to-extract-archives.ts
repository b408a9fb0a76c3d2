/** DL3010: COPY of a tar archive that a later RUN extracts. */
import type { CopyInstruction } from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell-model.js';
import type { Rule } from './types.js';
import { basename, hasFlag, programArgs, programName, runInstructions } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

/** Archives ADD extracts by itself: tar, plain or compressed with gzip, bzip2 or xz. (ADD copies zip files as they are.) */
const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.lzma|tlz)$/i;

function isTarExtract(command: ShellCommand): boolean {
  if (!['tar', 'bsdtar', 'gtar'].includes(programName(command))) return false;
  const args = programArgs(command);
  if (hasFlag(args, '-x', '--extract', '--get')) return true;
  // Old-style bundled options without a dash: `tar xzf file.tgz`.
  const first = args[0]?.value ?? '';
  return /^[A-Za-z]+$/.test(first) && first.includes('x') && !first.startsWith('-');
}

export const addToExtractArchives: Rule = {
  meta: {
    id: 'add-to-extract-archives',
    aliases: ['DL3010'],
    severity: 'info',
    title: 'Use ADD to extract a local tar archive into the image',
    practice:
      'COPY of an archive followed by `tar -x` in a RUN stores the archive in one layer and its contents in another, ' +
      'so the image carries both; `ADD archive.tar.gz /dest/` extracts in one step and keeps only the contents.',
    source: 'hadolint',
    fixable: false,
    keywords: ['COPY'],
    docs: ruleDocs({
      summary:
        'Reports a COPY of a local tar archive (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tar.xz` ...) that a later RUN in ' +
        'the same stage extracts with tar.',
      bad: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz',
      good: 'FROM debian:12\nADD app.tar.gz /opt/',
      notes: 'ADD extracts tar archives only; zip files are copied as they are, so they are not reported.',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    const runs = runInstructions(df);
    for (const stage of df.stages) {
      const copies = stage.instructions.filter(
        (i): i is CopyInstruction => i.keyword === 'COPY' && i.from === undefined,
      );
      for (const copy of copies) {
        const dest = copy.destination.endsWith('/') ? undefined : basename(copy.destination);
        const names = new Set(
          dest && TAR_ARCHIVE.test(dest) ? [dest] : copy.sources.filter((s) => !s.startsWith('<<')).map(basename).filter((n) => TAR_ARCHIVE.test(n)),
        );
        if (names.size === 0) continue;
        const extracted = runs.some(
          (run) =>
            run.stageIndex === stage.index &&
            !run.onbuildParent &&
            run.range.start.offset > copy.range.start.offset &&
            run.shell.commands.some((c) => isTarExtract(c) && programArgs(c).some((a) => names.has(basename(a.value)))),
        );
        if (!extracted) continue;
        context.report({ range: copy.keywordRange, message: 'Use `ADD` for extracting archives into an image.' });
      }
    }
  },
};
