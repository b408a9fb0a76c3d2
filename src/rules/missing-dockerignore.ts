/** A COPY of the whole build context needs a .dockerignore that keeps VCS data, dependencies and build output out. */
import type { CopyInstruction } from '../dockerfile/model.js';
import { UNWANTED, concerns, detectStacks, dockerignoreMatcher, unwantedRoot } from '../lint/dockerignore.js';
import type { Rule } from './types.js';
import { isWholeContextSource } from './util/seeds.js';

export const missingDockerignore: Rule = {
  meta: {
    id: 'missing-dockerignore',
    aliases: [],
    severity: 'warning',
    title: 'Keep .git, dependencies and build output out of the build context',
    practice:
      'COPY . copies whatever the build context holds: the git history, local node_modules or virtualenvs, caches and build output. They bloat the image, leak local state and break the layer cache on every change. A .dockerignore keeps them out (seeds/000, method 5).',
    source: 'seeds/000',
    fixable: false,
    keywords: ['COPY', 'ADD'],
    docs: `Needs the build context (the CLI knows it; stdin does not). Reports the first \`COPY .\` / \`ADD .\` (\`./\`, \`*\`) of a stage the final image uses when:

- there is no \`.dockerignore\` (nor \`<Dockerfile>.dockerignore\`), or
- the \`.dockerignore\` lets through \`.git\`, \`node_modules\` (node builds), \`.venv\`/\`venv\` and \`__pycache__\` (Python builds), or build output (\`target/\`, \`dist/\`, \`build/\`) that the context holds.

Patterns are matched with Docker's own rules (\`@balena/dockerignore\`): \`node_modules\` only matches at the top, \`**/node_modules\` everywhere.

\`whittle fix\` writes a \`.dockerignore\` for the detected stack when there is none (it never edits an existing one; the message lists the lines to add). The generated file never excludes a path the Dockerfile copies by name.

Bad (no .dockerignore):
\`\`\`Dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
\`\`\`

Good, with a \`.dockerignore\` of:
\`\`\`
.git
**/node_modules
npm-debug.log*
\`\`\``,
  },
  check(context) {
    const build = context.buildContext;
    if (!build) return;
    const df = context.dockerfile;
    let copy: CopyInstruction | undefined;
    for (const stage of df.stages) {
      if (!stage.reachesFinal) continue;
      for (const i of stage.instructions) {
        if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
        const c = i as CopyInstruction;
        if (c.from === undefined && c.sources.some((src) => isWholeContextSource(context.expand(src, c)))) copy ??= c;
      }
    }
    if (!copy) return;
    const stacks = detectStacks(df, build);
    const relevant = UNWANTED.filter((u) => concerns(u, stacks, build));
    if (build.dockerignore === null) {
      const present = relevant.filter((u) => build.exists(unwantedRoot(u))).map((u) => u.pattern.replace(/^\*\*\//, ''));
      context.report({
        range: copy.range,
        message: `${copy.keyword} copies the whole build context and there is no .dockerignore${present.length ? `: ${present.join(', ')} would go into the image` : ''}. Add one (whittle fix writes one for this stack).`,
      });
      return;
    }
    const ignores = dockerignoreMatcher(build.dockerignore);
    const leaks = relevant.filter((u) => !ignores(u.probe));
    if (leaks.length === 0) return;
    context.report({
      range: copy.range,
      message: `${copy.keyword} copies the whole build context and .dockerignore lets through ${leaks.map((u) => `${u.what} (${unwantedRoot(u)})`).join(', ')}. Add: ${leaks.map((u) => u.pattern).join(', ')}.`,
    });
  },
};
