/** BuildKit CopyIgnoredFile: COPY/ADD of a path .dockerignore excludes fails (or copies less than it seems). */
import dockerignoreModule from '@balena/dockerignore';
import type { Rule } from './types.js';
import { hasUnresolvedVariable } from './util/images.js';
import { contextPath, isGitSource, isHeredocSource, isUrlSource } from './util/copy-sources.js';

/** Negated patterns that re-include something under `path`: then `path` is only partly excluded. */
function reincludesBelow(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => p.startsWith('!') && contextPath(p.slice(1)).startsWith(`${path}/`));
}

export const copyIgnoredFile: Rule = {
  meta: {
    id: 'copy-ignored-file',
    aliases: ['CopyIgnoredFile'],
    severity: 'warning',
    title: 'Do not COPY what .dockerignore excludes',
    practice:
      '.dockerignore removes paths from the build context, so a COPY of an excluded path fails, or a wildcard silently copies less; either the ignore file or the COPY is wrong.',
    source: 'buildkit',
    fixable: false,
    keywords: ['COPY', 'ADD'],
    docs: [
      'Needs the build context (the CLI reads `.dockerignore` or `<Dockerfile>.dockerignore` next to it), and matches with',
      "Docker's own rules (@balena/dockerignore). Sources from another stage or image (`--from`), URLs, git repositories",
      'and heredocs are not from the context and are not judged.',
      '',
      'With `.dockerignore` containing `*.md`, bad:',
      '```dockerfile',
      'COPY README.md /docs/',
      '```',
    ].join('\n'),
  },
  check(context) {
    const dockerignore = context.buildContext?.dockerignore;
    if (!dockerignore) return;
    const patterns = dockerignore
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    if (patterns.length === 0) return;
    const matcher = dockerignoreModule.default().add(patterns);
    for (const stage of context.dockerfile.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
        if (instruction.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
        for (const source of instruction.sources) {
          if (isHeredocSource(source)) continue;
          const expanded = context.expand(source, instruction);
          if (hasUnresolvedVariable(expanded) || isUrlSource(expanded) || isGitSource(expanded)) continue;
          const path = contextPath(expanded);
          if (!path || !matcher.ignores(path) || reincludesBelow(patterns, path)) continue;
          context.report({
            range: instruction.argsRange,
            message: `Attempting to ${instruction.keyword === 'ADD' ? 'Add' : 'Copy'} file "${source}" that is excluded by .dockerignore`,
          });
        }
      }
    }
  },
};
