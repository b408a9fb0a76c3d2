/** BuildKit UndefinedArgInFrom: FROM can only use ARGs declared before the first FROM. */
import type { Range } from '../core/position.js';
import type { Rule } from './types.js';
import { didYouMean } from './util/did-you-mean.js';
import { PLATFORM_ARGS } from './util/stage-scope.js';
import { variableRefs } from './util/var-refs.js';

export const undefinedArgInFrom: Rule = {
  meta: {
    id: 'undefined-arg-in-from',
    aliases: ['UndefinedArgInFrom'],
    severity: 'warning',
    title: 'Declare the ARGs FROM uses before the first FROM',
    practice:
      'FROM sees only global ARGs (declared before the first FROM) and the platform ARGs; any other variable is empty, and `--build-arg` cannot set it, so the base image is not the one intended.',
    source: 'buildkit',
    fixable: false,
    docs: [
      'Bad:',
      '```dockerfile',
      'FROM node:${NODE_VERSION}-alpine',
      '```',
      'Good:',
      '```dockerfile',
      'ARG NODE_VERSION=22',
      'FROM node:${NODE_VERSION}-alpine',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    // Only `$` starts a reference, and most files have none in FROM: nothing to work out then.
    if (!df.stages.some((s) => s.from.image.includes('$') || s.from.flags.some((f) => f.value?.includes('$')))) return;
    const declared = new Set<string>([...PLATFORM_ARGS, ...df.globalArgs.flatMap((a) => a.declarations.map((d) => d.name))]);
    for (const stage of df.stages) {
      const from = stage.from;
      const platform = from.flags.find((f) => f.name.toLowerCase() === 'platform');
      const words: { text: string; range: Range }[] = [{ text: from.image, range: from.imageRange }];
      if (platform?.value) words.push({ text: platform.value, range: platform.range });
      const reported = new Set<string>();
      for (const word of words) {
        for (const ref of variableRefs(word.text, df.escape)) {
          if (declared.has(ref.name) || reported.has(ref.name)) continue;
          reported.add(ref.name);
          const suggestion = didYouMean(ref.name, declared);
          context.report({
            range: word.range,
            message: `FROM argument '${ref.name}' is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}: add \`ARG ${ref.name}=<default>\` before the first FROM`,
          });
        }
      }
    }
  },
};
