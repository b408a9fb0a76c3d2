/** BuildKit ExposeProtoCasing: `80/TCP` works but reads as a different thing; protocols are lower case. */
import type { Rule } from './types.js';
import { exposedPorts } from './util/expose-ports.js';

export const exposeProtoCasing: Rule = {
  meta: {
    id: 'expose-proto-casing',
    aliases: ['ExposeProtoCasing'],
    severity: 'style',
    title: 'Write EXPOSE protocols in lower case',
    practice: 'Protocols are `tcp`, `udp` and `sctp`; lower case keeps EXPOSE consistent with what the image config and Kubernetes show.',
    source: 'buildkit',
    fixable: true,
    keywords: ['EXPOSE'],
    docs: [
      'Bad:',
      '```dockerfile',
      'EXPOSE 80/TcP',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'EXPOSE 80/tcp',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const { spec, range } of exposedPorts(df)) {
      if (!spec.proto || spec.proto === spec.proto.toLowerCase()) continue;
      const protoStart = spec.end - spec.proto.length;
      context.report({
        range,
        message: `Defined protocol '${spec.raw}' in EXPOSE instruction should be lowercase`,
        ...(spec.start >= 0 ? { fix: [{ start: protoStart, end: spec.end, replacement: spec.proto.toLowerCase() }] } : {}),
      });
    }
  },
};
