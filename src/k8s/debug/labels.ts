/**
 * Labels on a pod copy. kubectl drops them by default, which takes the copy out of every Service and out of
 * its controller's selector; keeping them (`--keep-labels`, kubectl 1.31+) sends the copy production traffic
 * as soon as it runs (its readiness probe is removed with the others) and lets a ReplicaSet adopt it.
 * The copy keeps them only when the user asks for traffic; otherwise the choice is written out and explained.
 */
import type { DebugRequest, PlannedCommand } from './types.js';

/** Labels controllers add to tell their pods apart; never worth copying. */
const CONTROLLER_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'batch.kubernetes.io/controller-uid', 'controller-uid', 'batch.kubernetes.io/job-name', 'job-name']);

export interface LabelDecision {
  args: string[];
  why: string[];
  notes: string[];
  warnings: string[];
  commands: PlannedCommand[];
}

export function copyLabels(req: DebugRequest, copy: string): LabelDecision {
  const t = req.target;
  const ns = t.namespace ? ['-n', t.namespace] : [];
  const out: LabelDecision = { args: [], why: [], notes: [], warnings: [], commands: [] };
  const services = req.services;
  const names = services.map((s) => `Service ${s.name}`).join(', ');
  if (services.length === 0) {
    out.notes.push(`the copy drops ${t.container.name}'s pod labels (kubectl's default); no Service in ${req.servicesBasis} selects them${req.receiveTraffic ? ', so --receive-traffic has nothing to join' : ''}`);
    return out;
  }
  if (req.receiveTraffic) {
    out.args.push('--keep-labels=true');
    out.why.push(`--keep-labels=true (kubectl 1.31+) because --receive-traffic asks the copy to join ${names}`);
    out.warnings.push(
      `TRAFFIC: with its labels the copy joins ${names} and receives a share of production requests as soon as it runs; its readiness probe is removed, so it counts as ready even while you are stopped in a debugger`,
    );
    if (t.controller) {
      const hash = t.kind === 'Deployment' || 'pod-template-hash' in t.labels;
      out.warnings.push(
        `the copy also matches ${t.controller}'s selector: a ReplicaSet adopts a matching pod it does not own and then deletes a pod to keep its count${hash ? '; remove pod-template-hash from the copy at once (the command below) so only the Service selects it' : ''}`,
      );
      if (hash) out.commands.push({ purpose: 'take the copy out of the ReplicaSet\'s selector, keeping the Service\'s labels', argv: ['kubectl', 'label', 'pod', ...ns, copy, 'pod-template-hash-'], why: ['the Service selector does not use pod-template-hash; the ReplicaSet\'s does'] });
    }
    return out;
  }
  out.args.push('--keep-labels=false');
  out.why.push(
    `--keep-labels=false (kubectl 1.31+, written out rather than left to the default): the copy leaves ${names}, so no production request reaches a pod whose probes are gone; --receive-traffic keeps the labels when reproducing under real traffic is the point`,
  );
  if (req.goal === 'network') {
    const serviceKeys = new Set(services.flatMap((s) => Object.keys(s.selector)));
    const extra = Object.entries(t.labels).filter(([k]) => !serviceKeys.has(k) && !CONTROLLER_LABELS.has(k));
    if (extra.length) {
      out.commands.push({
        purpose: 'give the copy back the labels NetworkPolicies may select on, leaving out those the Services select on',
        argv: ['kubectl', 'label', 'pod', ...ns, copy, ...extra.map(([k, v]) => `${k}=${v}`)],
        why: ['NetworkPolicies choose pods by label: a copy without them may be allowed or denied other traffic than the original'],
      });
    }
    out.warnings.push(
      `NetworkPolicies that select on ${[...serviceKeys].join(', ')} do not apply to the copy (those labels also route ${names} traffic); debug the network from the running pod with an ephemeral container where you can`,
    );
  }
  return out;
}
