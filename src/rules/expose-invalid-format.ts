/** BuildKit ExposeInvalidFormat: EXPOSE documents a container port; IPs and host ports belong to `docker run -p`. */
import type { Rule } from './types.js';
import { exposedPorts } from './util/expose-ports.js';

export const exposeInvalidFormat: Rule = {
  meta: {
    id: 'expose-invalid-format',
    aliases: ['ExposeInvalidFormat'],
    severity: 'warning',
    title: 'EXPOSE a container port, without IP address or host port',
    practice:
      'EXPOSE records which container port the application listens on; an IP or host-port mapping in it is ignored today and will be an error in a future BuildKit release. Publishing is decided at run time (`-p`, a Kubernetes Service).',
    source: 'buildkit',
    fixable: true,
    keywords: ['EXPOSE'],
    docs: [
      'The fix keeps the container port (and protocol), which is exactly what BuildKit exposes today.',
      '',
      'Bad:',
      '```dockerfile',
      'EXPOSE 127.0.0.1:8080:80',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'EXPOSE 80',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const { spec, range } of exposedPorts(df)) {
      if (!spec.ip && !spec.hostPort) continue;
      const kept = spec.containerPort + (spec.proto ? `/${spec.proto}` : '');
      const fixable = spec.start >= 0 && /^[\d$][\w${}:-]*$/.test(spec.containerPort);
      context.report({
        range,
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${spec.raw}' (only the container port ${kept} is exposed)`,
        ...(fixable ? { fix: [{ start: spec.start, end: spec.end, replacement: kept }] } : {}),
      });
    }
  },
};
