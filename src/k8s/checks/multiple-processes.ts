import { argvOf, baseName, commandStatements, programOf } from '../command.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, longRunning, meta } from './util.js';

const SUPERVISORS = new Set(['supervisord', 'runsvdir', 's6-svscan', 'systemd', 'init', 'pm2', 'pm2-runtime', 'circusd', 'honcho', 'foreman']);

export const multipleProcesses: K8sCheck = {
  meta: meta({
    id: 'multiple-processes',
    severity: 'warning',
    title: 'One purpose per container',
    practice:
      'Package each independent piece of functionality in its own container: a process supervisor or `a & b` in one container hides crashes from Kubernetes, cannot be scaled or restarted apart, and PID 1 manages processes Kubernetes cannot see.',
    source: `${SEED.onePurpose}; ${SEED.pid1}`,
    bad: 'command: ["sh", "-c", "nginx & gunicorn app:app"]',
    good: 'containers:\n  - name: nginx\n    image: nginx:1.27\n  - name: app\n    image: app:1.4\n    command: ["gunicorn", "app:app"]',
  }),
  check(ctx) {
    for (const c of longRunning(ctx.workload)) {
      const argv = argvOf(c);
      if (argv.length === 0) continue;
      const at = containerField(c, [c.spec.command !== undefined ? 'command' : 'args']);
      const statements = commandStatements(c);
      const supervisor = [baseName(argv[0]!), ...statements.map((s) => programOf(s.text))].find((p) => SUPERVISORS.has(p));
      if (supervisor) {
        ctx.report({ at, message: `${label(c)} runs the process supervisor ${supervisor}: run one process per container` });
        continue;
      }
      const background = statements.filter((s) => s.background);
      if (background.length > 0 && statements.length > 1) {
        ctx.report({
          at,
          message: `${label(c)} starts ${background.length + 1} processes (${background.map((s) => programOf(s.text)).join(', ')} in the background): split them into containers`,
        });
      }
    }
  },
};
