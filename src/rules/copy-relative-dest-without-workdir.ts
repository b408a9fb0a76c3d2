/** DL3045: a relative COPY destination lands in the base image's WORKDIR unless the Dockerfile sets one. */
import type { Rule } from './types.js';
import { hasUnresolvedVariable } from './util/images.js';
import { stageChain } from './util/stage-scope.js';
import { isAbsolutePath } from './workdir-absolute.js';

export const copyRelativeDestWithoutWorkdir: Rule = {
  meta: {
    id: 'copy-relative-dest-without-workdir',
    aliases: ['DL3045'],
    severity: 'warning',
    title: 'Set WORKDIR before copying to a relative destination',
    practice:
      "A relative destination resolves against the base image's working directory, which the Dockerfile does not control; files land somewhere else when the base image changes.",
    source: 'hadolint',
    fixable: false,
    keywords: ['COPY', 'ADD'],
    docs: [
      'A WORKDIR in the same stage or in a stage it is built on (`FROM <stage>`) counts. ONBUILD triggers are not judged:',
      'they run in an image this file does not know.',
      '',
      'Bad:',
      '```dockerfile',
      'FROM node:22-alpine',
      'COPY package.json .',
      '```',
      'Good:',
      '```dockerfile',
      'FROM node:22-alpine',
      'WORKDIR /app',
      'COPY package.json .',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const stage of df.stages) {
      // One pass over the stage's build chain (base stages first) carries whether a WORKDIR was set, instead of
      // re-walking the chain for every COPY.
      let workdirSet = false;
      for (const chainStage of stageChain(df, stage)) {
        for (const instruction of chainStage.instructions) {
          if (instruction.keyword === 'WORKDIR') workdirSet = true;
          if (workdirSet || chainStage !== stage || (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD')) continue;
          const dest = context.expand(instruction.destination, instruction);
          if (!dest || isAbsolutePath(dest) || hasUnresolvedVariable(dest)) continue;
          context.report({
            range: instruction.argsRange,
            message: `${instruction.keyword} to a relative destination "${instruction.destination}" without WORKDIR set`,
          });
        }
      }
    }
  },
};
