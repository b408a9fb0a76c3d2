/** Debugging a copy of the pod (`kubectl debug --copy-to`): the command, its labels decision and the clean-up. */
import { copyLabels } from './labels.js';
import type { DebugRequest, PlannedCommand, Profile } from './types.js';

export function copyCommands(
  req: DebugRequest,
  pod: string,
  profile: Profile,
  img: { image: string; why: string },
  profileWhy: string,
  customArgs: string[],
  customWhy: string[],
  tail: string[],
  notes: string[],
  warnings: string[],
): PlannedCommand[] {
  const t = req.target;
  const c = t.container;
  const ns = t.namespace ? ['-n', t.namespace] : [];
  const copy = `${pod === 'POD_NAME' ? 'POD_NAME' : pod}-debug`;
  const labels = copyLabels(req, copy);
  notes.push(...labels.notes);
  warnings.push(...labels.warnings);
  const common = [
    profileWhy,
    `--copy-to=${copy} creates a new pod from ${pod}'s spec: ${t.controller ? `${t.controller} does not own it, count it or replace it, and ` : ''}this profile removes its probes so a restart does not cut your session`,
    ...labels.why,
    ...(t.mirror ? ['--same-node: a static pod belongs to its node, so the copy runs there too'] : []),
  ];
  const runByHand = (c.crashLooping || t.finishedPhase !== undefined) && req.shell.verdict === 'present';
  const sameNode = t.mirror ? ['--same-node'] : [];
  const argv = runByHand
    ? ['kubectl', 'debug', ...ns, pod, '-it', `--profile=${profile}`, `--copy-to=${copy}`, ...sameNode, `--container=${c.name}`, ...labels.args, '--', ...(req.command.length ? req.command : [req.shell.path ?? 'sh'])]
    : ['kubectl', 'debug', ...ns, pod, '-it', `--profile=${profile}`, `--image=${img.image}`, `--copy-to=${copy}`, ...sameNode, '--share-processes', `--container=${req.debugName}`, ...customArgs, ...labels.args, ...tail];
  const why = runByHand
    ? [`${c.name} has a shell (${req.shell.detail}): in the copy its command is replaced by a shell, so you start the program by hand and watch it fail`, ...common]
    : [
        `--share-processes puts the copy's containers in one process namespace, so the debugger sees ${c.name}'s processes and files`,
        `--image=${img.image}: ${img.why}`,
        ...common,
        ...customWhy,
      ];
  return [
    { purpose: `start a copy of ${pod} with a debug container`, argv, why },
    ...labels.commands,
    { purpose: 'delete the copy when done', argv: ['kubectl', 'delete', 'pod', ...ns, copy], why: ['nothing else removes it'] },
  ];
}
