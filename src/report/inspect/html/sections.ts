/**
 * The server-rendered parts of the page: header figures and every table, readable without JavaScript.
 * Every value goes through `escapeHtml`; numbers for sorting travel in `data-v` attributes.
 */
import { severityRank } from '../../../core/finding.js';
import { formatBytes, formatPercent, formatSeconds, shortCommand } from '../format.js';
import type { ImageFinding, InspectReport, WastedFile } from '../model.js';
import { escapeHtml as h } from './escape.js';

export interface Column {
  title: string;
  /** Numeric columns sort by `data-v` and align right. */
  numeric?: boolean;
}

export interface Cell {
  html: string;
  /** Sort value of a numeric cell. */
  value?: number;
}

const text = (s: string | number): Cell => ({ html: h(String(s)) });
const bytes = (n: number): Cell => ({ html: h(formatBytes(n)), value: n });
const code = (s: string): Cell => ({ html: `<code>${h(s)}</code>` });

export function table(columns: Column[], rows: Cell[][], options: { id?: string; sortable?: boolean; empty?: string } = {}): string {
  if (rows.length === 0) return `<p class="empty">${h(options.empty ?? 'None.')}</p>`;
  const head = columns.map((c) => `<th${c.numeric ? ' class="num" data-type="num"' : ''} scope="col">${h(c.title)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => `<td${columns[i]?.numeric ? ' class="num"' : ''}${cell.value !== undefined ? ` data-v="${cell.value}"` : ''}>${cell.html}</td>`).join('')}</tr>`)
    .join('\n');
  const attrs = `${options.id ? ` id="${h(options.id)}"` : ''}${options.sortable ? ' class="sortable"' : ''}`;
  return `<div class="table-wrap"><table${attrs}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function stat(label: string, value: string, note = '', tone = ''): string {
  return `<div class="stat${tone ? ` ${tone}` : ''}"><dt>${h(label)}</dt><dd>${h(value)}</dd>${note ? `<dd class="note">${h(note)}</dd>` : ''}</div>`;
}

export function header(report: InspectReport): string {
  const img = report.image;
  const pull = report.pullCost;
  const effTone = report.efficiency >= 0.95 ? 'good' : report.efficiency >= 0.8 ? 'warn' : 'bad';
  const os = report.os?.prettyName ?? report.os?.id ?? null;
  const meta: Array<[string, string]> = [
    ['Digest', img.digest],
    ['Platform', img.platform],
    ['Source', img.source],
    ...(os ? ([['OS', os]] as Array<[string, string]>) : []),
    ...(img.created ? ([['Created', img.created]] as Array<[string, string]>) : []),
    ['whittle', report.tool.version],
  ];
  return `<header class="page-head">
<p class="kicker">whittle inspect</p>
<h1>${h(img.reference)}</h1>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${h(k)}</dt><dd><code>${h(v)}</code></dd></div>`).join('')}</dl>
<dl class="stats">
${stat('Uncompressed', formatBytes(img.sizeBytes), `${img.fileCount} files`)}
${stat('Compressed', formatBytes(img.compressedSizeBytes), 'what a pull downloads')}
${stat('Layers', String(img.layerCount), report.base.layerCount ? `${report.base.layerCount} from the base` : '')}
${stat('Efficiency', formatPercent(report.efficiency), `dive: ${formatPercent(report.dive.efficiency)}`, effTone)}
${stat('Wasted', formatBytes(report.wastedBytes), report.duplicateBytes ? `+ ${formatBytes(report.duplicateBytes)} duplicates` : 'shipped, not visible', report.wastedBytes ? 'bad' : 'good')}
${stat('Pull cost', formatSeconds(pull.seconds), `at ${pull.bandwidthMbitPerSecond} Mbit/s` + (report.base.layerCount ? `; ${formatSeconds(pull.withoutBaseSeconds)} with the base cached` : ''))}
</dl>
</header>`;
}

/** Findings that save the most bytes first, then the most severe. */
export function rankFindings(findings: readonly ImageFinding[]): ImageFinding[] {
  return [...findings].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0) || severityRank(a.severity) - severityRank(b.severity));
}

/** Findings shown before the rest fold into a "more" disclosure (the charts should stay near the top). */
const OPEN_FINDINGS = 5;

export function findings(report: InspectReport): string {
  const list = rankFindings(report.findings);
  if (list.length === 0) return '<p class="empty">No findings.</p>';
  const items = list.map(
    (f) => `<li class="finding sev-${h(f.severity)}">
<div class="finding-head"><span class="badge sev-${h(f.severity)}">${h(f.severity)}</span><span class="finding-msg">${h(f.message)}</span>${
      f.bytes ? `<span class="cost" title="bytes this costs">${h(formatBytes(f.bytes))}</span>` : ''
    }</div>
<p class="fix"><strong>Fix:</strong> ${h(f.fix)}</p>
<p class="why">${h(f.practice)} <code class="rule">${h(f.rule)}</code>${f.layer !== undefined ? ` <span class="where">layer ${f.layer}</span>` : ''}${
      f.path ? ` <code class="where">${h(f.path)}</code>` : ''
    }</p>
</li>`,
  );
  if (items.length <= OPEN_FINDINGS + 1) return `<ol class="findings">${items.join('\n')}</ol>`;
  return `<ol class="findings">${items.slice(0, OPEN_FINDINGS).join('\n')}</ol>
<details class="more-findings"><summary>${items.length - OPEN_FINDINGS} more findings</summary><ol class="findings" start="${OPEN_FINDINGS + 1}">${items.slice(OPEN_FINDINGS).join('\n')}</ol></details>`;
}

export function layerTable(report: InspectReport): string {
  return table(
    [{ title: '#', numeric: true }, { title: 'Size', numeric: true }, { title: 'Compressed', numeric: true }, { title: 'Wasted', numeric: true }, { title: '+ / ~ / −' }, { title: 'Created by' }],
    report.layers.map((l) => [
      { html: String(l.index), value: l.index },
      bytes(l.sizeBytes),
      bytes(l.compressedSizeBytes),
      bytes(l.wastedBytes),
      text(`${l.added} / ${l.modified} / ${l.removed}`),
      { html: `${l.base ? '<span class="tag">base</span> ' : ''}<span title="${h(l.createdBy ?? '')}">${h(shortCommand(l.createdBy, 90))}</span>` },
    ]),
  );
}

export function largestFiles(report: InspectReport): string {
  return table(
    [{ title: 'Size', numeric: true }, { title: 'Layer', numeric: true }, { title: 'Path' }],
    report.files.largest.slice(0, 25).map((f) => [bytes(f.sizeBytes), { html: String(f.layer), value: f.layer }, code(f.path)]),
    { empty: 'No files.' },
  );
}

interface WasteRow {
  path: string;
  bytes: number;
  copies: WastedFile[];
}

/** Wasted copies grouped by path: one row per path with the layers that ship it and the layers that hide it. */
export function wasteList(report: InspectReport): string {
  const byPath = new Map<string, WasteRow>();
  for (const w of report.files.wasted) {
    const row = byPath.get(w.path) ?? { path: w.path, bytes: 0, copies: [] };
    row.bytes += w.sizeBytes;
    row.copies.push(w);
    byPath.set(w.path, row);
  }
  const rows = [...byPath.values()].sort((a, b) => b.bytes - a.bytes);
  return table(
    [{ title: 'Wasted', numeric: true }, { title: 'Shipped in' }, { title: 'Hidden by' }, { title: 'Path' }],
    rows.map((r) => [
      bytes(r.bytes),
      text(r.copies.map((c) => `layer ${c.layer}`).join(', ')),
      text(r.copies.map((c) => `layer ${c.hiddenBy} (${c.how})`).join(', ')),
      code(r.path),
    ]),
    { id: 'waste-table', sortable: true, empty: 'No wasted bytes: every shipped byte is visible in the final file system.' },
  );
}

export function junk(report: InspectReport): string {
  const upx = report.junk.upxBinaries.length
    ? `<p>UPX-packed binaries: ${report.junk.upxBinaries.map((p) => `<code>${h(p)}</code>`).join(', ')}</p>`
    : '';
  return (
    table(
      [{ title: 'Size', numeric: true }, { title: 'Kind' }, { title: 'Files', numeric: true }, { title: 'Layer', numeric: true }, { title: 'Path' }],
      report.junk.items.map((j) => [bytes(j.sizeBytes), text(j.kind), { html: String(j.files), value: j.files }, { html: String(j.layer), value: j.layer }, code(j.path)]),
      { id: 'junk-table', sortable: true, empty: 'No caches, package lists or build leftovers found.' },
    ) + upx
  );
}

function pathList(paths: readonly string[], max = 12): string {
  if (paths.length === 0) return '<span class="muted">none</span>';
  const shown = paths.slice(0, max).map((p) => `<code>${h(p)}</code>`).join(' ');
  return paths.length > max ? `${shown} <span class="muted">and ${paths.length - max} more</span>` : shown;
}

export function surface(report: InspectReport): string {
  const s = report.surface;
  const cfg = report.config;
  const run = cfg.entrypoint?.length ? [...cfg.entrypoint, ...(cfg.cmd ?? [])] : cfg.cmd;
  const rows: Array<[string, string, boolean]> = [
    ['User', s.root ? `${h(s.user || 'root')} <span class="badge sev-warning">runs as root</span>` : h(s.user), s.root],
    ['Runs', run?.length ? `<code>${h(JSON.stringify(run))}</code>${cfg.shellFormPid1 ? ' <span class="badge sev-warning">shell as PID 1</span>' : ''}` : '<span class="muted">nothing set</span>', cfg.shellFormPid1],
    ['Shells', pathList(s.shells), s.shells.length > 0],
    ['Package managers', pathList(s.packageManagers), s.packageManagers.length > 0],
    ['Compilers', pathList(s.compilers), s.compilers.length > 0],
    ['Header files', String(s.headerFiles), s.headerFiles > 0],
    ['Setuid', pathList(s.setuid), s.setuid.length > 0],
    ['Setgid', pathList(s.setgid), s.setgid.length > 0],
    ['World-writable', pathList(s.worldWritable), s.worldWritable.length > 0],
    ['Exposed ports', cfg.exposedPorts.length ? cfg.exposedPorts.map((p) => `<code>${h(p)}</code>`).join(' ') : '<span class="muted">none</span>', false],
  ];
  const secrets = s.secrets.length
    ? `<h3>Secrets <span class="muted">(contents never shown)</span></h3>` +
      table(
        [{ title: 'Kind' }, { title: 'Layer', numeric: true }, { title: 'Visible' }, { title: 'Path' }],
        s.secrets.map((x) => [text(x.kind), { html: String(x.layer), value: x.layer }, text(x.visible ? 'yes' : 'deleted later, still shipped'), code(x.path)]),
      )
    : '';
  return `<dl class="surface">${rows.map(([k, v, flag]) => `<div${flag ? ' class="flag"' : ''}><dt>${h(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>${secrets}`;
}

export function packages(report: InspectReport): string {
  const pm = report.packageManagers;
  const note = pm.rpm.present ? `<p class="muted">rpm database found (${h(pm.rpm.database ?? '')}); rpm packages are not read.</p>` : '';
  return (
    table(
      [{ title: 'Name' }, { title: 'Version' }, { title: 'Manager' }, { title: 'Installed size', numeric: true }, { title: 'Layer', numeric: true }, { title: 'License' }],
      report.packages.map((p) => [
        code(p.name),
        text(p.version),
        text(p.manager),
        p.installedSizeBytes === null ? { html: '<span class="muted">?</span>', value: -1 } : bytes(p.installedSizeBytes),
        p.layer === null ? { html: '', value: -1 } : { html: String(p.layer), value: p.layer },
        text(p.license ?? ''),
      ]),
      { id: 'package-table', sortable: true, empty: 'No package database found (dpkg or apk).' },
    ) + note
  );
}

export function budgets(report: InspectReport): string {
  if (report.budgets.length === 0) return '';
  const shown = (name: string, v: number | boolean) =>
    typeof v === 'boolean' ? String(v) : /efficiency|percent/.test(name) ? formatPercent(v) : /size|wasted/.test(name) ? formatBytes(v) : String(v);
  return table(
    [{ title: 'Result' }, { title: 'Budget' }, { title: 'Actual' }, { title: 'Limit' }, { title: 'From' }],
    report.budgets.map((b) => [
      { html: b.passed ? '<span class="badge pass">pass</span>' : '<span class="badge sev-error">fail</span>' },
      text(b.budget),
      text(shown(b.budget, b.actual)),
      text(shown(b.budget, b.limit)),
      text(b.source),
    ]),
  );
}
