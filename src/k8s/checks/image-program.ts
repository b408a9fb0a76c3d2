import { argvOf, baseName, shellScript } from '../command.js';
import { findProgram } from '../image-facts.js';
import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

function strings(v: unknown): string[] {
  return asArray(v).filter((a): a is string => typeof a === 'string');
}

export const imageProgram: K8sCheck = {
  meta: meta({
    id: 'program-not-in-image',
    severity: 'error',
    title: 'Commands and exec probes run programs the image has',
    practice:
      'Minimal and distroless images have no shell: an exec probe or command that calls /bin/sh fails every time. Probe over HTTP/TCP/gRPC, or call the program itself; debug with an ephemeral container (kubectl debug) instead of shipping tools.',
    source: SEED.minimal,
    bad: 'livenessProbe:\n  exec:\n    command: ["sh", "-c", "pgrep server"]   # image has no /bin/sh',
    good: 'livenessProbe:\n  httpGet: {path: /healthz, port: http}',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      const image = ctx.image(c);
      if (!image) continue;
      const uses: Array<{ argv: string[]; path: string[]; what: string }> = [];
      if (c.spec.command !== undefined) uses.push({ argv: argvOf(c), path: ['command'], what: 'command' });
      for (const probe of PROBES) {
        uses.push({ argv: strings(asRecord(asRecord(c.spec[probe]).exec).command), path: [probe, 'exec', 'command'], what: `${probe} exec` });
      }
      for (const hook of ['postStart', 'preStop']) {
        uses.push({ argv: strings(asRecord(asRecord(asRecord(c.spec.lifecycle)[hook]).exec).command), path: ['lifecycle', hook, 'exec', 'command'], what: `${hook} hook` });
      }
      for (const use of uses) {
        const program = use.argv[0];
        if (!program || program.includes('$')) continue;
        if (!findProgram(image, program)) {
          ctx.report({ at: containerField(c, use.path), message: `${label(c)}: ${use.what} runs ${program}, which image ${image.name} does not have` });
          continue;
        }
        // `sh -c "curl ..."`: the shell exists, check the script's first program too.
        const script = shellScript(use.argv);
        const first = script?.trim().split(/\s+/)[0];
        if (first && /^[\w./-]+$/.test(first) && !/^(exec|if|for|while|case|test|echo|true|false|set|export|cd|\[|\.|\w+=.*)$/.test(first) && !findProgram(image, first)) {
          ctx.report({ at: containerField(c, use.path), message: `${label(c)}: ${use.what} calls ${baseName(first)}, which image ${image.name} does not have` });
        }
      }
    }
  },
};
