import { argvOf, commandStatements, programOf, shellScript } from '../command.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

export const shellWithoutExec: K8sCheck = {
  meta: meta({
    id: 'shell-wrapper-without-exec',
    severity: 'warning',
    title: 'A shell wrapper hands PID 1 to the application with exec',
    practice:
      'Kubernetes stops a container by sending SIGTERM to PID 1. When a `sh -c` script runs several commands, the shell stays PID 1 and does not forward the signal: the application is killed after the grace period instead of shutting down cleanly. `exec` the last command.',
    source: SEED.pid1,
    bad: 'command: ["sh", "-c", "migrate && server --port 8080"]',
    good: 'command: ["sh", "-c", "migrate && exec server --port 8080"]',
  }),
  check(ctx) {
    if (ctx.workload.batch) return;
    for (const c of longRunning(ctx.workload)) {
      if (shellScript(argvOf(c)) === null) continue;
      const statements = commandStatements(c);
      // Background jobs are multiple-processes' finding; one simple command is exec'd by the shell itself.
      if (statements.length < 2 || statements.some((s) => s.background)) continue;
      const last = statements[statements.length - 1]!;
      if (/^exec\s/.test(last.text) || programOf(last.text) === 'wait') continue;
      ctx.report({
        at: containerField(c, [c.spec.command !== undefined ? 'command' : 'args']),
        message: `${label(c)}: the shell stays PID 1 and will not forward SIGTERM to ${programOf(last.text) || 'the last command'}; start it with exec`,
      });
    }
  },
};
