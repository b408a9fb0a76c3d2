/** The page's stylesheet, inlined: system fonts only, so the file opens the same offline. */
export const STYLES = `
:root {
  --bg: #f6f7f9; --panel: #fff; --ink: #1d2430; --muted: #5e6878; --line: #dfe3ea; --accent: #2759c9;
  --good: #1f8a5b; --warn: #b7791f; --bad: #c53030; --info: #2b6cb0;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 48px; }
code { font-family: var(--mono); font-size: 12.5px; word-break: break-all; }
h2 { font-size: 18px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 16px 0; }
.hint, .muted, .empty { color: var(--muted); }
.hint { margin: 0 0 12px; font-size: 13px; }
.page-head { padding: 8px 0 4px; }
.kicker { margin: 0; color: var(--accent); font-weight: 600; letter-spacing: .04em; text-transform: uppercase; font-size: 12px; }
.page-head h1 { margin: 2px 0 8px; font-size: 24px; word-break: break-all; }
dl { margin: 0; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; color: var(--muted); font-size: 12.5px; }
.meta div { display: flex; gap: 6px; min-width: 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; min-width: 0; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 10px; margin-top: 14px; }
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; border-top: 4px solid var(--accent); }
.stat.good { border-top-color: var(--good); } .stat.warn { border-top-color: var(--warn); } .stat.bad { border-top-color: var(--bad); }
.stat dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.stat dd { margin: 2px 0 0; font-size: 22px; font-weight: 650; }
.stat dd.note { font-size: 12px; font-weight: 400; color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; position: sticky; top: 0; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th:hover { color: var(--ink); }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
tbody tr:hover { background: #f3f6fc; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; font-weight: 600; line-height: 18px; color: #fff; background: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.badge.sev-error { background: var(--bad); } .badge.sev-warning { background: var(--warn); } .badge.sev-info { background: var(--info); } .badge.pass { background: var(--good); }
.tag { font-size: 11px; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; color: var(--muted); }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border-left: 4px solid var(--muted); padding: 8px 12px; margin: 8px 0; background: #fafbfc; border-radius: 0 8px 8px 0; }
.finding.sev-error { border-left-color: var(--bad); } .finding.sev-warning { border-left-color: var(--warn); } .finding.sev-info { border-left-color: var(--info); }
.finding-head { display: flex; gap: 10px; align-items: baseline; }
.finding-msg { flex: 1; font-weight: 550; word-break: break-word; }
.cost { font-weight: 700; color: var(--bad); white-space: nowrap; }
.finding p { margin: 4px 0 0; font-size: 13px; }
.why { color: var(--muted); }
.rule, .where { color: var(--muted); }
.legend { display: flex; align-items: center; gap: 8px; font-size: 12px; color: var(--muted); margin-bottom: 8px; flex-wrap: wrap; }
.legend .ramp { width: 140px; height: 10px; border-radius: 5px; background: linear-gradient(90deg, hsl(165,55%,40%), hsl(110,60%,44%), hsl(55,68%,46%), hsl(0,75%,40%)); }
.legend .hatch { width: 22px; height: 10px; border-radius: 2px; background: repeating-linear-gradient(45deg, #c53030 0 4px, #e08a8a 4px 6px); margin-left: 14px; }
#layer-chart svg, #treemap svg { display: block; width: 100%; }
#layer-chart .row { cursor: pointer; }
#layer-chart .row:hover .row-bg { fill: #eef2fb; }
#layer-chart .row.selected .row-bg { fill: #e2eafc; }
#layer-chart .row:focus { outline: none; }
#layer-chart .row:focus-visible .row-bg { stroke: var(--accent); stroke-width: 1.5; }
#treemap .dir:focus { outline: none; }
#treemap .dir:focus-visible > rect.box { stroke: #1d2430; stroke-width: 2; }
#layer-chart text { font-size: 12.5px; fill: var(--ink); }
#layer-chart text.idx, #layer-chart text.size { fill: var(--muted); font-variant-numeric: tabular-nums; }
#layer-chart text.label { font-family: var(--mono); font-size: 12px; }
#layer-files { margin-top: 12px; }
#layer-files:empty { display: none; }
.layer-detail { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fafbfc; }
.layer-detail h3 { margin: 0 0 4px; }
.change-cols td.num { width: 1%; }
.layer-detail pre { margin: 6px 0 10px; padding: 8px 10px; background: #fff; border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; word-break: break-all; font: 12px/1.4 var(--mono); max-height: 140px; overflow: auto; }
.change-cols { display: flex; flex-wrap: wrap; gap: 12px 18px; }
.change-cols > div { flex: 1 1 340px; min-width: 0; }
.change-cols > div.none { flex: 0 0 150px; }
.change-cols h4 { margin: 0 0 4px; font-size: 13px; }
.change-cols h4.added { color: var(--good); } .change-cols h4.modified { color: var(--warn); } .change-cols h4.removed { color: var(--bad); }
.change-cols .list { max-height: 260px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.change-cols td { padding: 3px 8px; }
.crumbs { display: flex; flex-wrap: wrap; align-items: center; gap: 2px; margin-bottom: 8px; font-size: 13px; }
.crumbs button { font: inherit; font-family: var(--mono); border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 2px 8px; cursor: pointer; color: var(--accent); }
.crumbs button[aria-current] { color: var(--ink); font-weight: 600; cursor: default; background: #eef2fb; }
.crumbs .sep { color: var(--muted); padding: 0 2px; }
.crumbs .size { margin-left: 10px; color: var(--muted); }
#treemap .cell { cursor: default; }
#treemap .dir { cursor: zoom-in; }
#treemap .dir:hover > rect.box { stroke: #1d2430; stroke-width: 2; }
#treemap rect { stroke: #fff; stroke-width: 1; }
#treemap text { font-size: 12px; fill: #fff; pointer-events: none; }
#treemap text.dim { fill: rgba(255,255,255,.92); font-size: 11px; }
#treemap .rest rect { fill: #b8bfcc; }
#treemap .rest text { fill: #2d3440; }
.surface { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; }
.surface div { display: contents; }
.surface dt { color: var(--muted); }
.surface dd { margin: 0; }
.surface .flag dt { color: var(--warn); font-weight: 600; }
details summary { cursor: pointer; color: var(--accent); margin-top: 10px; }
.nojs { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
`;
