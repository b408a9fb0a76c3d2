/**
 * The comparison as rows, shared by the text and HTML reports: the figures the seeds' evaluation compares (size,
 * build, push and pull time, and what the image carries), before and after, and the change.
 */
import { formatBytes, formatSeconds } from '../report/inspect/format.js';
import type { BenchImage } from './model.js';
import { formatChange, formatCountChange } from './stats.js';

export interface Row {
  key: string;
  label: string;
  /** The numbers compared (null: not measured). */
  values: Array<number | null>;
  /** How each value is shown. */
  cells: string[];
  /** `-85.0 % (0.15x)`; empty for one image or when a value is missing. */
  change: string;
  unit: 'bytes' | 'seconds' | 'count';
}

const NOT_MEASURED = 'n/a';

function row(key: string, label: string, unit: Row['unit'], images: BenchImage[], value: (i: BenchImage) => number | null, cell?: (i: BenchImage, v: number) => string): Row {
  const values = images.map(value);
  const show = (v: number): string => (unit === 'bytes' ? formatBytes(v) : unit === 'seconds' ? formatSeconds(v) : String(v));
  const cells = images.map((img, i) => {
    const v = values[i];
    if (v === null || v === undefined) return NOT_MEASURED;
    return cell ? cell(img, v) : show(v);
  });
  const [a, b] = values;
  const compare = unit === 'count' ? formatCountChange : formatChange;
  const change = values.length === 2 && a !== null && a !== undefined && b !== null && b !== undefined ? compare(a, b) : '';
  return { key, label, values, cells, change, unit };
}

export function benchRows(images: BenchImage[]): Row[] {
  return [
    row('size', 'image size', 'bytes', images, (i) => i.sizeBytes),
    row('compressed', 'compressed', 'bytes', images, (i) => i.compressedSizeBytes),
    row('layers', 'layers', 'count', images, (i) => i.layerCount),
    row('coldBuild', 'cold build', 'seconds', images, (i) => i.coldBuild.median),
    row('rebuild', 'rebuild', 'seconds', images, (i) => i.rebuild?.seconds.median ?? null, (i, v) =>
      `${formatSeconds(v)} (${i.rebuild!.cachedSteps}/${i.rebuild!.layerSteps} cached)`,
    ),
    row('push', 'push', 'seconds', images, (i) => i.push?.median ?? null),
    row('pull', 'pull', 'seconds', images, (i) => i.pull?.median ?? null),
    row('packages', 'packages', 'count', images, (i) => i.packages),
    row('files', 'files', 'count', images, (i) => i.files),
    row('findings', 'findings', 'count', images, (i) => i.findings.total),
  ];
}
