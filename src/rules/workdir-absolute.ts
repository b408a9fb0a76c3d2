/** DL3000 / WorkdirRelativePath: a relative WORKDIR depends on the base image's working directory. */
import type { Rule } from './types.js';
import { hasUnresolvedVariable } from './util/images.js';
import { stageChain } from './util/stage-scope.js';

/** `/x`, and Windows' `C:\x` or `C:/x`. */
export function isAbsolutePath(path: string): boolean {
  const p = path.replace(/^["']|["']$/g, '');
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

export const workdirAbsolute: Rule = {
  meta: {
    id: 'workdir-absolute',
    aliases: ['DL3000', 'WorkdirRelativePath'],
    severity: 'error',
    title: 'Use an absolute WORKDIR',
    practice:
      "A relative WORKDIR resolves against the base image's working directory, which can change upstream without notice; an absolute path always lands where you meant.",
    source: 'hadolint, buildkit',
    fixable: false,
    keywords: ['WORKDIR'],
    docs: [
      'Reports a relative `WORKDIR` when no absolute `WORKDIR` was set before it in the stage (or a stage it is built on):',
      "only then does the result depend on the base image. Values that are still variables after expansion are not judged.",
      '',
      'Bad:',
      '```dockerfile',
      'FROM nginx',
      'WORKDIR usr/share/nginx/html',
      '```',
      'Good:',
      '```dockerfile',
      'FROM nginx',
      'WORKDIR /usr/share/nginx/html',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const stage of df.stages) {
      // One pass over the stage's build chain (base stages first) carries whether an absolute WORKDIR was set,
      // instead of re-walking the chain for every WORKDIR.
      let anchored = false;
      for (const chainStage of stageChain(df, stage)) {
        for (const instruction of chainStage.instructions) {
          if (instruction.keyword !== 'WORKDIR') continue;
          const path = context.expand(instruction.path, instruction);
          if (isAbsolutePath(path)) {
            anchored = true;
            continue;
          }
          if (anchored || chainStage !== stage || !path || hasUnresolvedVariable(path)) continue;
          context.report({
            range: instruction.argsRange,
            message: `Use an absolute WORKDIR: relative "${instruction.path}" depends on the base image's working directory`,
          });
        }
      }
    }
  },
};
