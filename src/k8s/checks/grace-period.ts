import { commandStatements, programOf } from '../command.js';
import { asArray, asRecord } from '../model.js';
import type { ContainerRef } from '../model.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField, fieldSpan } from '../where.js';
import { label, longRunning, meta } from './util.js';

/** Seconds a preStop hook sleeps: `sleep: {seconds: N}` or an exec `sleep N` (also inside sh -c). */
export function preStopSleep(container: ContainerRef): number | null {
  const preStop = asRecord(asRecord(container.spec.lifecycle).preStop);
  const native = asRecord(preStop.sleep).seconds;
  if (typeof native === 'number') return native;
  const command = asArray(asRecord(preStop.exec).command).filter((a): a is string => typeof a === 'string');
  if (command.length === 0) return null;
  const pseudo: ContainerRef = { ...container, spec: { command } };
  let total = 0;
  for (const s of commandStatements(pseudo)) {
    if (programOf(s.text) !== 'sleep') continue;
    const m = /\bsleep\s+(\d+(?:\.\d+)?)s?\b/.exec(s.text);
    if (m) total += Number(m[1]);
  }
  return total > 0 ? total : null;
}

export const gracePeriod: K8sCheck = {
  meta: meta({
    id: 'grace-period-shorter-than-prestop',
    severity: 'error',
    title: 'terminationGracePeriodSeconds outlasts the preStop hook',
    practice:
      'The grace period counts from the start of preStop: a preStop sleep as long as the grace period leaves the application no time to handle SIGTERM, and it is killed mid-request.',
    source: SEED.pid1,
    bad: 'terminationGracePeriodSeconds: 10\n…\nlifecycle:\n  preStop:\n    sleep: {seconds: 15}',
    good: 'terminationGracePeriodSeconds: 45\n…\nlifecycle:\n  preStop:\n    sleep: {seconds: 15}',
  }),
  check(ctx) {
    const set = ctx.workload.podSpec.terminationGracePeriodSeconds;
    const grace = typeof set === 'number' ? set : 30;
    for (const c of longRunning(ctx.workload)) {
      const sleep = preStopSleep(c);
      if (sleep === null || sleep < grace) continue;
      const at = typeof set === 'number' ? fieldSpan(ctx.workload.podSpecNode, ['terminationGracePeriodSeconds'], containerField(c, ['lifecycle'])) : containerField(c, ['lifecycle', 'preStop']);
      ctx.report({
        at,
        message: `${label(c)}: preStop sleeps ${sleep} s but terminationGracePeriodSeconds is ${grace}${typeof set === 'number' ? '' : ' (default)'}; SIGTERM never gets a chance`,
      });
    }
  },
};
