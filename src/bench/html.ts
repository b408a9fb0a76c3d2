/**
 * The HTML report: one self-contained page (inline CSS, an inline SVG bar chart drawn here, no script at all, no
 * external asset). Its Content-Security-Policy forbids every script and every fetch, as the inspect report's does
 * for all but its own script, so a value that escaped its escaping could neither run nor call out.
 */
import { escapeHtml as h } from '../report/inspect/html/escape.js';
import type { BenchReport } from './model.js';
import { benchRows, type Row } from './rows.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'";
const COLORS = ['#8c96a8', '#2f7d4f', '#b5651d'];

const STYLES = `body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#fafafa;color:#1d2330}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.hint{color:#596275;margin:0 0 12px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e3e6ec;padding:6px 10px;text-align:left;vertical-align:top}
td.num{font-variant-numeric:tabular-nums}
.failed{color:#b3261e;font-weight:600}.passed{color:#2f7d4f;font-weight:600}
svg text{font:12px system-ui,sans-serif;fill:#1d2330}
.legend span{display:inline-block;margin-right:16px}.legend i{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px}
pre{white-space:pre-wrap;background:#f1f3f7;padding:6px 8px;margin:4px 0}`;

const BAR_AREA = 560;
const LABEL_W = 120;
const BAR_H = 14;

/** One group of bars per measured figure, each bar's length in proportion to the largest value of its row. */
export function chartSvg(rows: Row[], labels: string[]): string {
  const measured = rows.filter((r) => r.values.every((v) => v !== null));
  const groupH = labels.length * (BAR_H + 4) + 14;
  const height = measured.length * groupH + 4;
  const parts: string[] = [];
  measured.forEach((r, gi) => {
    const max = Math.max(...(r.values as number[]), 0);
    const y0 = gi * groupH + 4;
    parts.push(`<g class="metric" data-metric="${h(r.key)}"><text x="0" y="${y0 + BAR_H}">${h(r.label)}</text>`);
    r.values.forEach((v, i) => {
      const width = max > 0 ? ((v as number) / max) * BAR_AREA : 0;
      const y = y0 + i * (BAR_H + 4);
      parts.push(
        `<rect class="bar" data-image="${h(labels[i]!)}" data-value="${v}" x="${LABEL_W}" y="${y}" width="${width.toFixed(2)}" height="${BAR_H}" fill="${COLORS[i % COLORS.length]}"><title>${h(`${labels[i]}: ${r.cells[i]}`)}</title></rect>`,
        `<text x="${(LABEL_W + width + 6).toFixed(2)}" y="${y + BAR_H - 2}">${h(r.cells[i]!)}</text>`,
      );
    });
    parts.push('</g>');
  });
  return `<svg id="chart" role="img" aria-label="before and after, each figure scaled to the larger of the two" width="${LABEL_W + BAR_AREA + 200}" height="${height}" viewBox="0 0 ${LABEL_W + BAR_AREA + 200} ${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

export function formatBenchHtml(report: BenchReport): string {
  const labels = report.images.map((i) => i.label);
  const rows = benchRows(report.images);
  const two = report.images.length === 2;
  const table = `<table id="bench-table"><thead><tr><th></th>${labels.map((l) => `<th>${h(l)}</th>`).join('')}${two ? '<th>change</th>' : ''}</tr></thead><tbody>
${rows.map((r) => `<tr data-metric="${h(r.key)}"><th>${h(r.label)}</th>${r.cells.map((c) => `<td class="num">${h(c)}</td>`).join('')}${two ? `<td class="num">${h(r.change)}</td>` : ''}</tr>`).join('\n')}
<tr data-metric="smoke"><th>smoke test</th>${report.images.map((i) => `<td class="${i.failed ? 'failed' : 'passed'}">${i.smoke.length === 0 ? 'not run' : i.failed ? 'FAILED' : 'passed'}</td>`).join('')}${two ? '<td></td>' : ''}</tr>
</tbody></table>`;
  const legend = `<p class="legend">${labels.map((l, i) => `<span><i style="background:${COLORS[i % COLORS.length]}"></i>${h(l)}</span>`).join('')}</p>`;
  const details = report.images
    .map((img) => {
      const smoke = img.smoke
        .map((s) => `<li class="${s.passed ? 'passed' : 'failed'}">${h(s.kind === 'port' ? `port ${s.port}` : JSON.stringify(s.command))}: ${s.passed ? 'passed' : 'FAILED'}<pre>${h(s.detail)}</pre></li>`)
        .join('');
      const rebuild = img.rebuild
        ? `<li>rebuild after a one-line change to <code>${h(img.rebuild.changedFile)}</code>: ${img.rebuild.cachedSteps} of ${img.rebuild.layerSteps} RUN/COPY/ADD steps from the cache; ${img.rebuild.reusedLayers} of ${img.rebuild.reusedLayers + img.rebuild.rebuiltLayers} final layers unchanged</li>`
        : '';
      const findings = img.findings.total ? `<li>findings: ${h(img.findings.rules.join(', '))}</li>` : '';
      return `<h3>${h(img.label)}</h3><p><code>${h(img.dockerfile)}</code> (context <code>${h(img.context)}</code>)</p><ul>${rebuild}${findings}${smoke}</ul>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="whittle ${h(report.tool.version)}">
<title>whittle bench: ${h(labels.join(' vs '))}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<h1>whittle bench</h1>
<p class="hint">${h(`${report.engine.name} ${report.engine.version}; ${report.settings.runs} run(s) each, medians; cold builds: ${report.settings.coldBuild}; registry: ${report.settings.registry}`)}</p>
<h2>Comparison</h2>
${legend}
${chartSvg(rows, labels)}
${table}
<h2>Details</h2>
${details}
<footer><p class="hint">Generated by whittle ${h(report.tool.version)} at ${h(report.createdAt)}</p></footer>
</main>
</body>
</html>
`;
}
