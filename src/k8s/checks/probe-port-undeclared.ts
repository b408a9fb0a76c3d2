import { asArray, asRecord } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const probePortUndeclared: K8sCheck = {
  meta: meta({
    id: 'probe-port-undeclared',
    severity: 'warning',
    title: "Numbered probe ports are among the container's ports",
    practice:
      'Kubernetes probes a numbered port whether it is declared or not, so a probe on a port the container does not list is most often a typo or a port the application stopped using: the probe fails and the pod never gets ready.',
    source: SEED.health,
    bad: 'ports: [{containerPort: 9200}]\nlivenessProbe:\n  tcpSocket: {port: 9300}',
    good: 'ports: [{containerPort: 9200}]\nlivenessProbe:\n  tcpSocket: {port: 9200}',
  }),
  check(ctx) {
    for (const c of longRunning(ctx.workload)) {
      const ports = asArray(c.spec.ports).map(asRecord);
      // A container that lists no ports says nothing about them.
      if (ports.length === 0) continue;
      const numbers = new Set(ports.map((p) => p.containerPort).filter((n): n is number => typeof n === 'number'));
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = asRecord(asRecord(c.spec[probe])[handler]).port;
          if (port === undefined || !/^\d+$/.test(String(port)) || numbers.has(Number(port))) continue;
          ctx.report({
            at: containerField(c, [probe, handler, 'port']),
            message: `${label(c)}: ${probe} uses port ${String(port)}, which is not among the container's ports (${[...numbers].join(', ')})`,
          });
        }
      }
    }
  },
};
