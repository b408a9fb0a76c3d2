/** The text form of `whittle diff`. */
import pc from 'picocolors';
import type { DiffReport } from './diff-model.js';
import { formatBytes, shortCommand } from './format.js';

function signed(n: number): string {
  return (n > 0 ? '+' : n < 0 ? '-' : '±') + formatBytes(Math.abs(n));
}

export function formatDiffText(d: DiffReport, options: { color: boolean; top?: number }): string {
  const c = pc.createColors(options.color);
  const top = options.top ?? 20;
  const out: string[] = [];
  for (const [label, s] of [
    ['A', d.a],
    ['B', d.b],
  ] as const) {
    out.push(`${c.bold(label)}  ${s.reference} ${c.dim(s.digest.slice(0, 19))}  ${formatBytes(s.sizeBytes)} (${formatBytes(s.compressedSizeBytes)} compressed), ${s.layerCount} layers, ${s.fileCount} files, ${s.packageCount} packages`);
  }
  const pct = d.a.sizeBytes ? ` (${((d.sizeDeltaBytes / d.a.sizeBytes) * 100).toFixed(1)} %)` : '';
  out.push('', `${c.bold('Size')}      ${signed(d.sizeDeltaBytes)} uncompressed${pct}, ${signed(d.compressedSizeDeltaBytes)} compressed`);
  out.push(`${c.bold('Layers')}    ${d.layers.shared.length} shared, ${d.layers.added.length} added, ${d.layers.removed.length} removed`);
  for (const l of d.layers.added) out.push(c.green(`  + layer ${l.index}  ${formatBytes(l.sizeBytes)}  ${shortCommand(l.createdBy)}`));
  for (const l of d.layers.removed) out.push(c.red(`  - layer ${l.index}  ${formatBytes(l.sizeBytes)}  ${shortCommand(l.createdBy)}`));
  const f = d.files;
  out.push(
    `${c.bold('Files')}     ${f.addedCount} added (${signed(f.addedBytes)}), ${f.removedCount} removed (${signed(-f.removedBytes)}), ${f.changedCount} changed (${signed(f.changedDeltaBytes)})`,
  );
  for (const x of f.added.slice(0, top)) out.push(c.green(`  + ${formatBytes(x.sizeBytes).padStart(8)}  ${x.path}`));
  for (const x of f.removed.slice(0, top)) out.push(c.red(`  - ${formatBytes(x.sizeBytes).padStart(8)}  ${x.path}`));
  for (const x of f.changed.slice(0, top)) out.push(c.yellow(`  ~ ${signed(x.deltaBytes).padStart(8)}  ${x.path} (${x.what.join(', ')})`));
  const more = Math.max(0, f.addedCount - top) + Math.max(0, f.removedCount - top) + Math.max(0, f.changedCount - top);
  if (more) out.push(c.dim(`  … ${more} more (--format json lists up to 500 of each)`));
  const p = d.packages;
  out.push(`${c.bold('Packages')}  ${p.added.length} added, ${p.removed.length} removed, ${p.changed.length} changed version`);
  for (const x of p.added) out.push(c.green(`  + ${x.name} ${x.version}`));
  for (const x of p.removed) out.push(c.red(`  - ${x.name} ${x.version}`));
  for (const x of p.changed) out.push(c.yellow(`  ~ ${x.name} ${x.from} -> ${x.to}`));
  return out.join('\n') + '\n';
}
