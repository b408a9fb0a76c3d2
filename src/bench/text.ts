/** The text report: a table like the seeds' evaluation (rows: figures; columns: before, after, change), then notes. */
import pc from 'picocolors';
import type { BenchReport } from './model.js';
import { benchRows } from './rows.js';

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
}

export function formatBenchText(report: BenchReport, options: { color?: boolean } = {}): string {
  const c = pc.createColors(options.color ?? false);
  const { images, settings, engine } = report;
  const rows = benchRows(images);
  const header = ['', ...images.map((i) => i.label), ...(images.length === 2 ? ['change'] : [])];
  const body = rows.map((r) => [r.label, ...r.cells, ...(images.length === 2 ? [r.change] : [])]);
  const smokeRow = ['smoke test', ...images.map((i) => (i.smoke.length === 0 ? 'not run' : i.failed ? 'FAILED' : 'passed'))];
  const all = [header, ...body, smokeRow];
  const widths = header.map((_, col) => Math.max(...all.map((r) => (r[col] ?? '').length)));
  const lines: string[] = [];
  lines.push(
    c.bold(`whittle bench: ${engine.name} ${/\d+\.\d+[\w.+-]*/.exec(engine.version)?.[0] ?? engine.version}, ${settings.runs} run${settings.runs === 1 ? '' : 's'} each, medians`),
  );
  lines.push('');
  lines.push(c.bold(pad(header, widths)));
  for (const r of body) lines.push(pad(r, widths));
  const smokeLine = pad(smokeRow, widths);
  lines.push(images.some((i) => i.failed) ? c.red(smokeLine) : smokeLine);
  lines.push('');
  for (const img of images) {
    lines.push(`${img.label}: ${img.dockerfile} (context ${img.context})`);
    if (img.rebuild) {
      const r = img.rebuild;
      lines.push(
        `  rebuild after appending a line to ${r.changedFile}: ${r.cachedSteps} of ${r.layerSteps} RUN/COPY/ADD steps from the cache, ` +
          `${r.reusedLayers} of ${r.reusedLayers + r.rebuiltLayers} final layers unchanged${r.cacheHeld ? '' : c.yellow(' (no cache hit: copy dependency manifests and install them before the sources)')}`,
      );
    }
    for (const s of img.smoke) {
      const what = s.kind === 'port' ? `port ${s.port}` : JSON.stringify(s.command);
      lines.push(`  smoke ${what}: ${s.passed ? c.green('passed') : c.red('FAILED')}: ${s.detail.split('\n').join('\n    ')}`);
    }
    if (img.findings.total) lines.push(`  findings: ${img.findings.rules.join(', ')}`);
  }
  lines.push('');
  lines.push(`cold builds: ${settings.coldBuild}; push/pull: ${settings.registry === 'none' ? 'not measured (--registry none)' : settings.registry === 'local' ? 'a local docker-registry, empty for each push; pull into an empty OCI layout' : settings.registry}`);
  if (!report.passed) lines.push(c.red('a smoke test failed: the candidate image does not work'));
  return lines.join('\n') + '\n';
}
