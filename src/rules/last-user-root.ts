/** DL3002: the final image should not run as root. */
import type { Rule } from './types.js';
import { finalImageChain } from './util/stage-scope.js';

export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]!;
  return name === 'root' || name === '0';
}

export const lastUserRoot: Rule = {
  meta: {
    id: 'last-user-root',
    aliases: ['DL3002'],
    severity: 'warning',
    title: 'The last USER of the final image should not be root',
    practice:
      'A container that runs as root turns any escape or file-write bug into root on the node; switch to an unprivileged user after the steps that need root (Kubernetes `runAsNonRoot` then admits the pod).',
    source: 'hadolint, seeds/004',
    fixable: false,
    keywords: ['USER'],
    docs: [
      'Judges the final image only: the last stage and the stages it is built on (`FROM <stage>`).',
      'A build stage that stays root does not ship and is not reported.',
      '',
      'Bad:',
      '```dockerfile',
      'FROM debian:12-slim',
      'USER root',
      'CMD ["app"]',
      '```',
      'Good:',
      '```dockerfile',
      'FROM debian:12-slim',
      'RUN useradd --system app',
      'USER app',
      'CMD ["app"]',
      '```',
    ].join('\n'),
  },
  check(context) {
    const users = finalImageChain(context.dockerfile).flatMap((s) => s.instructions.filter((i) => i.keyword === 'USER'));
    const last = users[users.length - 1];
    if (!last || last.keyword !== 'USER') return;
    const user = context.expand(last.user, last);
    if (!isRootUser(user)) return;
    context.report({ range: last.argsRange, message: `Last USER of the final image should not be root (USER ${last.user})` });
  },
};
