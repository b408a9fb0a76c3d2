/** The final image should run as a non-root user, counting the USER a parent stage set. */
import type { Suggestion } from '../core/finding.js';
import type { Instruction, Stage, UserInstruction } from '../dockerfile/model.js';
import type { Rule, RuleContext } from './types.js';
import type { BaseFamily, ImageView } from './util/seeds.js';
import { appendLines, baseFamily, baseImageOf, finalImageInstructions, finalStage, insertLinesBefore } from './util/seeds.js';

/** Bases whose default user is already not root. */
function defaultsToNonRoot(ref: ImageView): boolean {
  if (ref.registry === 'gcr.io' && ref.path.startsWith('distroless/') && /nonroot/.test(ref.tag ?? '')) return true;
  if (ref.registry === 'cgr.dev') return !/-dev$/.test(ref.tag ?? '');
  if (ref.path.startsWith('bitnami/')) return true;
  if (/unprivileged/.test(ref.path)) return true;
  return false;
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || name === '0';
}

/** The lines that add and switch to a non-root user on a given base family. */
export function nonRootLines(family: BaseFamily, ref: ImageView): string[] {
  if (ref.path === 'node' && family === 'debian') return ['USER node'];
  if (ref.path === 'node' && family === 'alpine') return ['USER node'];
  switch (family) {
    case 'alpine':
      return ['RUN addgroup -S app && adduser -S -G app -H -D app', 'USER app'];
    case 'busybox':
      return ['RUN adduser -D -H app', 'USER app'];
    case 'debian':
      return ['RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app', 'USER app'];
    case 'rhel':
      return /minimal|micro/.test(ref.path + (ref.tag ?? '')) ? ['USER 1001'] : ['RUN groupadd --system app && useradd --system --gid app --no-create-home app', 'USER app'];
    case 'distroless':
      return ['USER nonroot'];
    case 'scratch':
    case 'unknown':
      return ['USER 65532:65532'];
  }
}

/**
 * The lines go before the CMD/ENTRYPOINT when nothing that needs root runs after it, else at the end of the file
 * (the final stage is last): every RUN stays root, only the container process changes user.
 */
function suggestion(context: RuleContext, final: Stage, lines: string[]): Suggestion {
  const df = context.dockerfile;
  const own = final.instructions.filter((i) => i.keyword !== 'ONBUILD');
  const entry = own.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const later = entry ? own.slice(own.indexOf(entry) + 1) : [];
  const at: Instruction | undefined = entry && !later.some((i) => ['RUN', 'COPY', 'ADD', 'USER', 'WORKDIR'].includes(i.keyword)) ? entry : undefined;
  return { description: `Run as a non-root user: ${lines.join(' / ')}`, edits: [at ? insertLinesBefore(df, at, lines) : appendLines(df, lines)] };
}

export const runsAsRoot: Rule = {
  meta: {
    id: 'runs-as-root',
    aliases: [],
    severity: 'warning',
    title: 'Run the final image as a non-root user',
    practice:
      'A process that runs as root in the container is root on the node the moment it escapes; Kubernetes admission (runAsNonRoot, the restricted Pod Security Standard) refuses such images. The image should switch to an unprivileged USER.',
    // No seed document covers it: the requirement is Kubernetes' (runAsNonRoot, restricted Pod Security Standard).
    source: 'kubernetes',
    fixable: false,
    supersededBy: ['last-user-root'],
    docs: `Reports a final image that runs as root: no \`USER\` at all in the final stage and the stages it is built on (hadolint only catches an explicit \`USER root\`), or a last \`USER\` that is \`root\` or \`0\`. A USER set in a parent stage counts (\`FROM base\` after \`USER app\` in \`base\`), and bases that already default to a non-root user (\`gcr.io/distroless/*:nonroot\`, Chainguard images, bitnami) are not reported.

The suggestion adds the exact lines for the base: \`adduser -S\` on Alpine, \`useradd --system\` on Debian and Ubuntu, \`USER nonroot\` on distroless, \`USER node\` on node images, a numeric \`USER 65532:65532\` on scratch. It is not applied by \`whittle fix\`: files the process writes must be owned by that user (\`COPY --chown\`).

Bad:
\`\`\`Dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["python", "/app/main.py"]
\`\`\`

Good:
\`\`\`Dockerfile
FROM python:3.12-slim
RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app
COPY . /app
USER app
CMD ["python", "/app/main.py"]
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    const final = finalStage(df);
    if (!final) return;
    const instructions = finalImageInstructions(df);
    const users = instructions.filter((i): i is UserInstruction => i.keyword === 'USER');
    const ref = baseImageOf(df, final)?.ref ?? { path: '', name: '' };
    const lines = nonRootLines(baseFamily(ref), ref);
    const last = users[users.length - 1];
    if (last) {
      const user = context.expand(last.user, last);
      if (user.includes('$') || user.trim() === '' || !isRootUser(user)) return;
      context.report({
        range: last.range,
        message: `The final image runs as "${user}": switch to a non-root user before the process starts.`,
        suggestions: [suggestion(context, final, lines)],
      });
      return;
    }
    if (defaultsToNonRoot(ref)) return;
    context.report({
      range: final.from.range,
      message: `The final image sets no USER, so its process runs as root; add a non-root user (${lines[lines.length - 1]}).`,
      suggestions: [suggestion(context, final, lines)],
    });
  },
};
