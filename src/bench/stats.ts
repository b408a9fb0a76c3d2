/** Medians and ranges of repeated timings, and the before/after change of a figure. */
import type { Stats } from './model.js';

export function stats(values: number[]): Stats {
  if (values.length === 0) throw new Error('stats of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values };
}

/** after / before; null when before is 0 (no ratio to speak of). */
export function ratio(before: number, after: number): number | null {
  return before === 0 ? (after === 0 ? 1 : null) : after / before;
}

/** `-85.0 % (0.15x)`, the way the seeds compare sizes ("about 15 % of the naive size"). */
export function formatChange(before: number, after: number): string {
  const r = ratio(before, after);
  if (r === null) return after === 0 ? '=' : 'new';
  if (r === 1) return '=';
  return `${percent(r)} (${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}x)`;
}

/** `+12.5 %`; small changes keep two decimals so they do not read as `-0.0 %`. */
function percent(r: number): string {
  const pct = (r - 1) * 100;
  const sign = pct > 0 ? '+' : '';
  return `${sign}${pct.toFixed(Math.abs(pct) < 0.1 ? 2 : 1)} %`;
}

/** Counts (layers, packages, files, findings): the difference itself, and the percentage. */
export function formatCountChange(before: number, after: number): string {
  if (before === after) return '=';
  const diff = after - before;
  const r = ratio(before, after);
  return `${diff > 0 ? '+' : ''}${diff}${r === null ? '' : ` (${percent(r)})`}`;
}
