/**
 * `whittle diff A B`: what changed between two images. Layers are matched by diffID; files by path in the two
 * merged file systems (content compared by the pass's hashes, else by size, mode, owner and link); packages by
 * manager and name.
 */
import type { Image } from '../image/types.js';
import type { DiffFile, DiffReport, DiffSide, ChangedFile } from '../report/inspect/diff-model.js';
import type { InspectReport, LayerReport } from '../report/inspect/model.js';
import { buildMergedFs, visibleEntries } from './fs/merged.js';
import type { InspectOptions } from './inspect.js';
import { analyzeScans } from './inspect.js';
import type { LayerEntry } from './pass/types.js';
import { runPass } from './pass/run-pass.js';

/** Rows listed per file list (counts and byte totals are always complete). */
export const DIFF_LIST_CAP = 500;

interface Side {
  report: InspectReport;
  files: Map<string, LayerEntry>;
}

async function side(image: Image, options: InspectOptions): Promise<Side> {
  const pass = await runPass(image, options.pass);
  const report = analyzeScans(image, pass.layers, options);
  const files = new Map<string, LayerEntry>();
  for (const { entry } of visibleEntries(buildMergedFs(pass.layers))) if (entry.type !== 'dir') files.set(entry.path, entry);
  return { report, files };
}

function sideOf(r: InspectReport): DiffSide {
  return {
    reference: r.image.reference,
    digest: r.image.digest,
    platform: r.image.platform,
    sizeBytes: r.image.sizeBytes,
    compressedSizeBytes: r.image.compressedSizeBytes,
    layerCount: r.image.layerCount,
    fileCount: r.image.fileCount,
    packageCount: r.packages.length,
  };
}

/** What differs between two entries at the same path; empty when nothing does. */
export function entryChanges(a: LayerEntry, b: LayerEntry): string[] {
  const what: string[] = [];
  if (a.type !== b.type) return ['type'];
  if (a.size !== b.size || (a.hash && b.hash && a.hash !== b.hash)) what.push('content');
  if ((a.link ?? '') !== (b.link ?? '')) what.push('link');
  if (a.mode !== b.mode) what.push('mode');
  if (a.uid !== b.uid || a.gid !== b.gid) what.push('owner');
  // Small files carry no hash: a new mtime is all that says their content may differ.
  if (what.length === 0 && a.type === 'file' && !a.hash && a.mtime !== b.mtime) what.push('mtime');
  return what;
}

function layerRow(l: LayerReport) {
  return { index: l.index, diffId: l.diffId, sizeBytes: l.sizeBytes, compressedSizeBytes: l.compressedSizeBytes, createdBy: l.createdBy };
}

export async function diffImages(a: Image, b: Image, options: InspectOptions = {}): Promise<DiffReport> {
  const A = await side(a, options);
  const B = await side(b, options);
  return diffSides(A, B);
}

function diffSides(A: Side, B: Side): DiffReport {
  const aIds = new Set(A.report.layers.map((l) => l.diffId));
  const bIds = new Set(B.report.layers.map((l) => l.diffId));
  const shared = B.report.layers.filter((l) => aIds.has(l.diffId)).map(layerRow);
  const added = B.report.layers.filter((l) => !aIds.has(l.diffId)).map(layerRow);
  const removed = A.report.layers.filter((l) => !bIds.has(l.diffId)).map(layerRow);

  const filesAdded: DiffFile[] = [];
  const filesRemoved: DiffFile[] = [];
  const changed: ChangedFile[] = [];
  for (const [path, eb] of B.files) {
    const ea = A.files.get(path);
    if (!ea) filesAdded.push({ path, type: eb.type, sizeBytes: eb.size });
    else {
      const what = entryChanges(ea, eb);
      if (what.length) changed.push({ path, typeA: ea.type, typeB: eb.type, sizeBytesA: ea.size, sizeBytesB: eb.size, deltaBytes: eb.size - ea.size, what });
    }
  }
  for (const [path, ea] of A.files) if (!B.files.has(path)) filesRemoved.push({ path, type: ea.type, sizeBytes: ea.size });
  const bySize = (x: DiffFile, y: DiffFile) => y.sizeBytes - x.sizeBytes || x.path.localeCompare(y.path);
  filesAdded.sort(bySize);
  filesRemoved.sort(bySize);
  changed.sort((x, y) => Math.abs(y.deltaBytes) - Math.abs(x.deltaBytes) || x.path.localeCompare(y.path));
  const sum = (list: DiffFile[]) => list.reduce((s, f) => s + f.sizeBytes, 0);

  const key = (p: { manager: string; name: string }) => `${p.manager}\0${p.name}`;
  const aPk = new Map(A.report.packages.map((p) => [key(p), p]));
  const bPk = new Map(B.report.packages.map((p) => [key(p), p]));
  const pkgAdded = B.report.packages.filter((p) => !aPk.has(key(p))).map((p) => ({ name: p.name, manager: p.manager, version: p.version }));
  const pkgRemoved = A.report.packages.filter((p) => !bPk.has(key(p))).map((p) => ({ name: p.name, manager: p.manager, version: p.version }));
  const pkgChanged = B.report.packages
    .filter((p) => aPk.has(key(p)) && aPk.get(key(p))!.version !== p.version)
    .map((p) => ({ name: p.name, manager: p.manager, from: aPk.get(key(p))!.version, to: p.version }));

  return {
    schemaVersion: 1,
    a: sideOf(A.report),
    b: sideOf(B.report),
    sizeDeltaBytes: B.report.image.sizeBytes - A.report.image.sizeBytes,
    compressedSizeDeltaBytes: B.report.image.compressedSizeBytes - A.report.image.compressedSizeBytes,
    layers: { shared, added, removed },
    files: {
      addedCount: filesAdded.length,
      removedCount: filesRemoved.length,
      changedCount: changed.length,
      addedBytes: sum(filesAdded),
      removedBytes: sum(filesRemoved),
      changedDeltaBytes: changed.reduce((s, c) => s + c.deltaBytes, 0),
      added: filesAdded.slice(0, DIFF_LIST_CAP),
      removed: filesRemoved.slice(0, DIFF_LIST_CAP),
      changed: changed.slice(0, DIFF_LIST_CAP),
    },
    packages: { added: pkgAdded, removed: pkgRemoved, changed: pkgChanged },
  };
}
