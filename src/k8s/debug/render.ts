/** Renders a debug plan: text for people (commands shell-quoted, each with its why-lines) and JSON for tools. */
import pc from 'picocolors';
import { shellLine } from './quote.js';
import type { DebugPlan, DebugRequest, PlannedCommand } from './types.js';

const METHOD_TEXT = { exec: 'kubectl exec', ephemeral: 'ephemeral container', copy: 'copy of the pod', node: 'node debugging' } as const;

/** The JSON output; schema/debug-report.schema.json describes it. */
export interface DebugReport {
  schemaVersion: 1;
  source: string;
  target: {
    kind: string;
    name: string;
    pod: string | null;
    namespace: string | null;
    controller: string | null;
    container: string;
    image: string;
  };
  goal: DebugRequest['goal'];
  method: DebugPlan['method'];
  profile: DebugPlan['profile'] | null;
  shell: DebugRequest['shell'];
  podSecurity: DebugRequest['pss'] | null;
  services: DebugRequest['services'];
  debugImage: DebugPlan['debugImage'];
  commands: Array<PlannedCommand & { shell: string }>;
  alternatives: Array<PlannedCommand & { shell: string }>;
  customProfile: DebugPlan['custom'] | null;
  ephemeralContainerPatch: DebugPlan['patch'] | null;
  filesystem: string | null;
  placeholders: DebugPlan['placeholders'];
  warnings: string[];
  notes: string[];
}

const withShell = (c: PlannedCommand): PlannedCommand & { shell: string } => ({ ...c, shell: shellLine(c.argv) });

export function debugReport(req: DebugRequest, plan: DebugPlan): DebugReport {
  const t = req.target;
  return {
    schemaVersion: 1,
    source: t.source,
    target: { kind: t.kind, name: t.objectName, pod: t.podName ?? null, namespace: t.namespace ?? null, controller: t.controller ?? null, container: t.container.name, image: t.container.image },
    goal: req.goal,
    method: plan.method,
    profile: plan.profile ?? null,
    shell: req.shell,
    podSecurity: req.pss ?? null,
    services: req.services,
    debugImage: plan.debugImage,
    commands: plan.commands.map(withShell),
    alternatives: plan.alternatives.map(withShell),
    customProfile: plan.custom ?? null,
    ephemeralContainerPatch: plan.patch ?? null,
    filesystem: plan.filesystem ?? null,
    placeholders: plan.placeholders,
    warnings: plan.warnings,
    notes: plan.notes,
  };
}

export function formatDebugJson(report: DebugReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatDebugText(report: DebugReport, color: boolean): string {
  const c = color ? pc : { bold: (s: string) => s, dim: (s: string) => s, yellow: (s: string) => s, cyan: (s: string) => s };
  const out: string[] = [];
  const t = report.target;
  const where = [t.namespace ? `namespace ${t.namespace}` : null, t.pod ? `pod ${t.pod}` : null].filter(Boolean).join(', ');
  out.push(c.bold(`${report.source}: ${t.kind} ${t.name}${where ? ` (${where})` : ''}${t.container ? `, container ${t.container} (${t.image})` : ''}`));
  const shell = report.shell.verdict === 'unknown' ? 'unknown' : report.shell.verdict === 'present' ? `present (${report.shell.path})` : 'absent';
  if (report.method !== 'node') out.push(`shell: ${shell}: ${report.shell.detail}`);
  out.push(`goal ${report.goal}: ${METHOD_TEXT[report.method]}${report.profile ? `, --profile=${report.profile}` : ''}, debug image ${report.debugImage.image}`);
  out.push('');
  for (const cmd of report.commands) out.push(...command(cmd, c));
  if (report.customProfile) {
    out.push(`write ${report.customProfile.file} first (used by --custom):`);
    out.push(`  ${JSON.stringify(report.customProfile.content)}`, '');
  }
  if (report.filesystem) out.push(`file system: ${report.filesystem}`, '');
  for (const p of report.placeholders) out.push(`${p.name}: ${p.how}`);
  if (report.placeholders.length) out.push('');
  for (const w of report.warnings) out.push(c.yellow(`warning: ${w}`));
  for (const n of report.notes) out.push(c.dim(`note: ${n}`));
  if (report.warnings.length || report.notes.length) out.push('');
  if (report.alternatives.length) {
    out.push(c.bold('alternatives:'));
    for (const cmd of report.alternatives) out.push(...command(cmd, c));
  }
  if (report.ephemeralContainerPatch) {
    const p = report.ephemeralContainerPatch;
    out.push(c.bold(`API: ${p.method} ${p.path}`), `Content-Type: ${p.contentType}`, JSON.stringify(p.body, null, 2), '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function command(cmd: PlannedCommand & { shell: string }, c: { cyan(s: string): string; dim(s: string): string }): string[] {
  return [`# ${cmd.purpose}`, c.cyan(cmd.shell), ...cmd.why.map((w) => c.dim(`  why: ${w}`)), ''];
}
