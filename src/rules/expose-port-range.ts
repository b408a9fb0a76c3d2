/** DL3011: ports are 16-bit. */
import type { Rule } from './types.js';
import { exposedPorts, splitPortSpec } from './util/expose-ports.js';

export const exposePortRange: Rule = {
  meta: {
    id: 'expose-port-range',
    aliases: ['DL3011'],
    severity: 'error',
    title: 'EXPOSE only valid port numbers (0-65535)',
    practice: 'A port above 65535 does not exist; the build fails or the metadata lies to whoever runs the image.',
    source: 'hadolint',
    fixable: false,
    keywords: ['EXPOSE'],
    docs: [
      'Judged after ARG/ENV expansion; ranges (`8000-8010`) are checked at both ends.',
      '',
      'Bad:',
      '```dockerfile',
      'EXPOSE 80000',
      '```',
      'Good:',
      '```dockerfile',
      'EXPOSE 8000',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const { instruction, spec, range } of exposedPorts(df)) {
      const { containerPort } = splitPortSpec(context.expand(spec.raw, instruction));
      const m = /^(\d+)(?:-(\d+))?$/.exec(containerPort);
      if (!m) continue;
      const numbers = [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])];
      if (numbers.every((n) => n <= 65535)) continue;
      context.report({
        range,
        message: `Valid UNIX ports range from 0 to 65535: "${spec.raw}" is out of range`,
      });
    }
  },
};
