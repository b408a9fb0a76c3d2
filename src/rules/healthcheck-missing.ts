/** DL3057: the final image should say how to tell it is healthy. */
import type { Rule } from './types.js';
import { finalImageChain } from './util/stage-scope.js';

export const healthcheckMissing: Rule = {
  meta: {
    id: 'healthcheck-missing',
    aliases: ['DL3057'],
    severity: 'info',
    // hadolint ships DL3057 ignored, and Kubernetes never runs a Dockerfile HEALTHCHECK (it uses probes): opt-in.
    optIn: true,
    title: 'Give the final image a HEALTHCHECK (or document its probes)',
    practice:
      'An orchestrator can only restart or route around a broken container if the image tells how to check it. Docker and Compose run HEALTHCHECK; Kubernetes ignores it and needs liveness/readiness probes against endpoints the image provides.',
    source: 'hadolint, seeds/004',
    fixable: false,
    docs: [
      'Judges the final image (the last stage and the stages it is built on). `HEALTHCHECK NONE` counts as a decision',
      'and is not reported. For images that only run on Kubernetes, define probes in the workload and ignore this rule.',
      '',
      'Bad:',
      '```dockerfile',
      'FROM nginx:1.27',
      '```',
      'Good:',
      '```dockerfile',
      'FROM nginx:1.27',
      'HEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]',
      '```',
    ].join('\n'),
  },
  check(context) {
    const chain = finalImageChain(context.dockerfile);
    const final = chain[chain.length - 1];
    if (!final) return;
    if (chain.some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    context.report({
      range: final.from.range.start.line === final.from.range.end.line ? final.from.range : final.from.keywordRange,
      message: 'The final image has no HEALTHCHECK: add one (or HEALTHCHECK NONE), and liveness/readiness probes on Kubernetes',
    });
  },
};
