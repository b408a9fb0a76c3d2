/** The text report of `whittle inspect`: a summary a person reads in a terminal; --layers and --files add detail. */
import pc from 'picocolors';
import type { Severity } from '../../core/finding.js';
import { formatBytes, formatPercent, formatSeconds, shortCommand } from './format.js';
import type { InspectReport } from './model.js';

export interface TextOptions {
  color: boolean;
  /** Every layer with its full command and change counts. */
  layers: boolean;
  /** The largest files, the wasted files and the duplicates. */
  files: boolean;
  /** Rows in the "largest" lists of the summary. */
  top?: number;
}

type Paint = (s: string) => string;

function table(rows: string[][], align: Array<'l' | 'r'>): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]!) : c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatInspectText(report: InspectReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const bold: Paint = c.bold;
  const dim: Paint = c.dim;
  const sev: Record<Severity, Paint> = { error: c.red, warning: c.yellow, info: c.cyan, style: c.dim };
  const top = options.top ?? 5;
  const out: string[] = [];
  const img = report.image;
  const line = (label: string, value: string) => out.push(`${bold(label.padEnd(11))}${value}`);

  line('Image', `${img.reference} ${dim(`(${img.source}, ${img.platform})`)}`);
  line('Digest', img.digest);
  line('Size', `${formatBytes(img.sizeBytes)} uncompressed, ${formatBytes(img.compressedSizeBytes)} compressed; ${img.layerCount} layers, ${img.fileCount} files`);
  const pull = report.pullCost;
  line(
    'Pull',
    `${formatSeconds(pull.seconds)} at ${pull.bandwidthMbitPerSecond} Mbit/s` +
      (report.base.layerCount ? ` (${formatSeconds(pull.withoutBaseSeconds)} when the base is cached)` : ''),
  );
  line(
    'Efficiency',
    `${formatPercent(report.efficiency)}, ${formatBytes(report.wastedBytes)} wasted ${dim(`(dive: ${formatPercent(report.dive.efficiency)}, ${formatBytes(report.dive.wastedBytes)} counting kept copies)`)}` +
      (report.duplicateBytes ? `; ${formatBytes(report.duplicateBytes)} in duplicate files` : ''),
  );
  const os = report.os?.prettyName ?? report.os?.id ?? 'unknown';
  const pm = report.packageManagers;
  const pkgs = [pm.dpkg.present ? `${pm.dpkg.count} dpkg` : '', pm.apk.present ? `${pm.apk.count} apk` : '', pm.rpm.present ? 'rpm (not read)' : '']
    .filter(Boolean)
    .join(', ');
  line('OS', `${os}${pkgs ? `; packages: ${pkgs}` : ''}`);
  if (report.base.method !== 'none') {
    line('Base', `${report.base.reference ?? 'found from the history'}: ${report.base.layerCount} layers, ${formatBytes(report.base.sizeBytes)}`);
  }
  const s = report.surface;
  line(
    'Surface',
    [
      s.root ? c.yellow('runs as root') : `user ${s.user}`,
      s.shells.length ? `shell ${s.shells[0]}` : 'no shell',
      s.packageManagers.length ? 'package manager' : '',
      s.compilers.length ? 'compilers' : '',
      s.setuid.length ? `${s.setuid.length} setuid` : '',
      s.secrets.length ? c.red(`${s.secrets.length} secret${s.secrets.length === 1 ? '' : 's'} (redacted)`) : '',
    ]
      .filter(Boolean)
      .join(', '),
  );
  const cfg = report.config;
  const run = cfg.entrypoint?.length ? [...cfg.entrypoint, ...(cfg.cmd ?? [])] : cfg.cmd;
  if (run?.length) line('Runs', `${JSON.stringify(run)}${cfg.shellFormPid1 ? c.yellow(' (shell as PID 1)') : ''}`);

  out.push('', bold(options.layers ? 'Layers' : 'Largest layers'));
  const layers = options.layers ? report.layers : [...report.layers].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, top);
  const layerRows = [['#', 'size', 'compressed', 'wasted', ...(options.layers ? ['+', '~', '-'] : []), 'created by']];
  for (const l of layers) {
    layerRows.push([
      String(l.index),
      formatBytes(l.sizeBytes),
      formatBytes(l.compressedSizeBytes),
      l.wastedBytes ? formatBytes(l.wastedBytes) : '-',
      ...(options.layers ? [String(l.added), String(l.modified), String(l.removed)] : []),
      (l.base ? dim('[base] ') : '') + (options.layers ? (l.createdBy ?? '(no history)').replace(/\s+/g, ' ') : shortCommand(l.createdBy)),
    ]);
  }
  out.push(...table(layerRows, ['r', 'r', 'r', 'r', ...(options.layers ? (['r', 'r', 'r'] as const) : []), 'l']).map((r, i) => '  ' + (i === 0 ? dim(r) : r)));

  const fileCount = options.files ? 25 : top;
  if (report.files.largest.length) {
    out.push('', bold('Largest files'));
    out.push(...table(report.files.largest.slice(0, fileCount).map((f) => [formatBytes(f.sizeBytes), `layer ${f.layer}`, f.path]), ['r', 'r', 'l']).map((r) => '  ' + r));
  }
  if (options.files) {
    if (report.files.wasted.length) {
      out.push('', bold('Wasted files (shipped, not visible)'));
      out.push(
        ...table(
          report.files.wasted.slice(0, 25).map((f) => [formatBytes(f.sizeBytes), `layer ${f.layer}`, `${f.how} by ${f.hiddenBy}`, f.path]),
          ['r', 'r', 'l', 'l'],
        ).map((r) => '  ' + r),
      );
    }
    if (report.files.duplicates.length) {
      out.push('', bold('Duplicate files'));
      for (const d of report.files.duplicates.slice(0, 15)) out.push(`  ${formatBytes(d.sizeBytes)} x${d.paths.length}: ${d.paths.join(', ')}`);
    }
    if (report.junk.items.length) {
      out.push('', bold('Junk'));
      out.push(...table(report.junk.items.map((j) => [formatBytes(j.sizeBytes), j.kind, j.path]), ['r', 'l', 'l']).map((r) => '  ' + r));
    }
  }

  out.push('', bold(`Findings (${report.findings.length})`));
  if (report.findings.length === 0) out.push('  none');
  for (const f of report.findings) {
    out.push(`  ${sev[f.severity](f.severity.padEnd(7))} ${f.message} ${dim(`[${f.rule}]`)}`);
    out.push(`          ${dim('fix:')} ${f.fix}`);
  }
  if (report.budgets.length) {
    out.push('', bold('Budgets'));
    for (const b of report.budgets) {
      const shown = (v: number | boolean) =>
        typeof v === 'boolean' ? String(v) : /efficiency|percent/.test(b.budget) ? formatPercent(v) : /size|wasted/.test(b.budget) ? formatBytes(v) : String(v);
      out.push(`  ${b.passed ? c.green('pass') : c.red('FAIL')} ${b.budget}: ${shown(b.actual)} (limit ${shown(b.limit)}) ${dim(b.source)}`);
    }
  }
  return out.join('\n') + '\n';
}
