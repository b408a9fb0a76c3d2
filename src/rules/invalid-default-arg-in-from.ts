/** BuildKit InvalidDefaultArgInFrom: with the ARG defaults alone, FROM must name a valid image. */
import { expandWord } from '../dockerfile/variables.js';
import type { Rule } from './types.js';
import { isValidImageRef, isScratch } from './util/images.js';
import { PLATFORM_ARG_EXAMPLES } from './util/stage-scope.js';
import { variableRefs } from './util/var-refs.js';

export const invalidDefaultArgInFrom: Rule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    aliases: ['InvalidDefaultArgInFrom'],
    severity: 'error',
    title: 'Give FROM ARGs defaults that make a valid image reference',
    practice:
      'A build should work without `--build-arg`; an ARG without a usable default makes a plain `docker build` fail with an invalid reference such as `busybox:`.',
    source: 'buildkit',
    fixable: false,
    docs: [
      'Expands FROM with the defaults of the global ARGs only (not with configured build args), and the platform ARGs',
      'as on a linux/amd64 build.',
      '',
      'Bad:',
      '```dockerfile',
      'ARG TAG',
      'FROM busybox:${TAG}',
      '```',
      'Good:',
      '```dockerfile',
      'ARG TAG=1.36',
      'FROM busybox:${TAG}',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    // Only `$` starts a reference, and most files have none in FROM: no defaults to work out then.
    if (!df.stages.some((s) => s.from.image.includes('$'))) return;
    const defaults = new Map<string, string>(PLATFORM_ARG_EXAMPLES);
    for (const arg of df.globalArgs) {
      for (const d of arg.declarations) {
        if (d.defaultValue !== undefined) defaults.set(d.name, expandWord(d.defaultValue, defaults).value);
        else defaults.delete(d.name);
      }
    }
    for (const stage of df.stages) {
      const from = stage.from;
      const refs = variableRefs(from.image, df.escape);
      if (refs.length === 0) continue;
      const image = expandWord(from.image, defaults).value.trim();
      if (isScratch(image) || df.stages.some((s) => s.index < stage.index && s.name === image.toLowerCase())) continue;
      if (image && isValidImageRef(image)) continue;
      const names = [...new Set(refs.map((r) => r.name))].join(', ');
      context.report({
        range: from.imageRange,
        message: `Default value for ARG ${names} results in empty or invalid base image name "${image}"`,
      });
    }
  },
};
