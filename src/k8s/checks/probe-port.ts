import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const probePort: K8sCheck = {
  meta: meta({
    id: 'probe-port-unknown',
    aliases: ['liveness-port', 'readiness-port', 'startup-port'],
    severity: 'error',
    title: "Probes target a port the container declares",
    practice: 'A probe on a port name the container does not declare never succeeds: the pod is never ready, or is restarted forever.',
    source: SEED.health,
    bad: 'ports: [{name: http, containerPort: 8080}]\nreadinessProbe:\n  httpGet: {path: /ready, port: web}',
    good: 'ports: [{name: http, containerPort: 8080}]\nreadinessProbe:\n  httpGet: {path: /ready, port: http}',
  }),
  check(ctx) {
    for (const c of longRunning(ctx.workload)) {
      const ports = asArray(c.spec.ports).map(asRecord);
      const names = new Set(ports.map((p) => p.name).filter((n): n is string => typeof n === 'string'));
            for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = asRecord(asRecord(c.spec[probe])[handler]).port;
          if (port === undefined) continue;
          const at = containerField(c, [probe, handler, 'port']);
          if (typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)) {
            ctx.report({ at, message: `${label(c)}: ${probe} uses port "${port}", which is not a named port of the container` });
          }
        }
      }
    }
  },
};
