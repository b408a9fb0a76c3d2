/** Small formatting helpers shared by the inspect formatters and finding messages. */

/** Decimal units like docker and dive print them (`41.2 MB`). */
export function formatBytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(Math.abs(v) >= 100 ? 0 : 1)} ${units[u]}`;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

export function formatSeconds(s: number): string {
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 120) return `${s.toFixed(1)} s`;
  return `${(s / 60).toFixed(1)} min`;
}

/** A history `created_by` made readable: Docker's `/bin/sh -c #(nop) ` and buildah's prefixes dropped, shortened. */
export function shortCommand(createdBy: string | null, max = 70): string {
  if (!createdBy) return '(no history)';
  let s = createdBy
    .replace(/^\|\d+( [A-Za-z_][A-Za-z0-9_]*=\S*)* /, '')
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > max) s = s.slice(0, max - 1) + '…';
  return s;
}
