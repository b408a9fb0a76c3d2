/** DL3022: COPY --from names a stage defined earlier (or an image reference). */
import type { Rule } from './types.js';
import { copyFromRefs } from './util/copy-from.js';
import { didYouMean } from './util/did-you-mean.js';
import { hasUnresolvedVariable } from './util/images.js';
import { resolveStageRef } from './util/stage-scope.js';

export const copyFromUndefinedStage: Rule = {
  meta: {
    id: 'copy-from-undefined-stage',
    aliases: ['DL3022'],
    severity: 'warning',
    title: 'COPY --from should name a stage defined before it',
    practice:
      'A `--from` that names no earlier stage is pulled as an image from Docker Hub: a typo in a stage name becomes a failed pull or, worse, files from a stranger\'s image.',
    source: 'hadolint',
    fixable: false,
    keywords: ['COPY'],
    docs: [
      'A value that looks like an image reference (it has a `/`, `:` or `@`) is taken as one and not reported;',
      'a bare name must be an earlier stage (names are case-insensitive) or a stage index lower than the current stage.',
      'A named build context given on the command line (`docker buildx build --build-context deps=../deps`) looks the same',
      'from inside the file: ignore the rule on that line (`# whittle ignore=DL3022`).',
      '',
      'Bad:',
      '```dockerfile',
      'FROM golang:1.23 AS build',
      'FROM scratch',
      'COPY --from=biuld /out/app /app',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const { stage, from, value } of copyFromRefs(context)) {
      if (!value || hasUnresolvedVariable(value) || /[/:@]/.test(value)) continue;
      if (resolveStageRef(df, value, stage.index)) continue;
      // Naming the stage itself is copy-from-own-stage's finding.
      if (value.toLowerCase() === stage.name || value === String(stage.index)) continue;
      if (value.toLowerCase() === 'context' || value.toLowerCase() === 'scratch') continue;
      let message: string;
      if (/^\d+$/.test(value)) {
        message = `COPY --from=${value} names no earlier stage (stages are numbered from 0; this is stage ${stage.index})`;
      } else if (df.stages.some((s) => s.index >= stage.index && s.name === value.toLowerCase())) {
        message = `COPY --from=${value} names a stage defined at or after this one: stages can only copy from earlier stages`;
      } else {
        const names = df.stages.filter((s) => s.index < stage.index && s.name).map((s) => s.name!);
        const suggestion = didYouMean(value.toLowerCase(), names);
        message = `COPY --from should reference a previously defined FROM alias: "${value}" is no stage and would be pulled as an image${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
      }
      context.report({ range: from.range, message });
    }
  },
};
