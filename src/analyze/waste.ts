/**
 * Waste: bytes a pull downloads that the running container never sees.
 * - hidden copies: files overwritten or deleted by a later layer (whiteouts, opaque directories, a deleted
 *   directory's whole subtree, a type change), each kept copy NOT counted (dive counts it);
 * - duplicates: identical content stored under several visible paths (content hashes come from the pass,
 *   one sha256 per file of at least HASH_MIN_SIZE bytes, computed while the bytes stream by anyway).
 */
import type { DuplicateGroup, FileRow, WastedFile } from '../report/inspect/model.js';
import type { AnalysisContext } from './context.js';
import { visibleEntries } from './fs/merged.js';

export const TOP_FILES = 50;

export interface WasteResult {
  /** File bytes in all layers (every copy). */
  shippedFileBytes: number;
  visibleFileBytes: number;
  fileCount: number;
  wastedBytes: number;
  efficiency: number;
  wasted: WastedFile[];
  duplicates: DuplicateGroup[];
  duplicateBytes: number;
  largest: FileRow[];
}

export function analyzeWaste(ctx: AnalysisContext): WasteResult {
  const shipped = ctx.fs.changes.reduce((s, c) => s + c.fileBytes, 0);
  const wastedBytes = ctx.fs.hidden.reduce((s, h) => s + h.size, 0);
  const wasted = [...ctx.fs.hidden]
    .sort((a, b) => b.size - a.size || a.path.localeCompare(b.path))
    .map((h) => ({ path: h.path, sizeBytes: h.size, layer: h.layer, hiddenBy: h.hiddenBy, how: h.how }));

  let visible = 0;
  let fileCount = 0;
  const byHash = new Map<string, { size: number; paths: string[] }>();
  const files: FileRow[] = [];
  for (const { entry, layer, carries } of visibleEntries(ctx.fs)) {
    // A hardlink whose original path is gone shows the content it shares.
    visible += carries;
    if (entry.type !== 'file') continue;
    fileCount++;
    visible += entry.size;
    files.push({ path: entry.path, sizeBytes: entry.size, layer });
    if (entry.hash) {
      const key = entry.hash + ':' + entry.size;
      const group = byHash.get(key);
      if (group) group.paths.push(entry.path);
      else byHash.set(key, { size: entry.size, paths: [entry.path] });
    }
  }
  const duplicates: DuplicateGroup[] = [];
  let duplicateBytes = 0;
  for (const g of byHash.values()) {
    if (g.paths.length < 2) continue;
    const extra = g.size * (g.paths.length - 1);
    duplicateBytes += extra;
    duplicates.push({ sizeBytes: g.size, paths: g.paths.sort(), wastedBytes: extra });
  }
  duplicates.sort((a, b) => b.wastedBytes - a.wastedBytes || a.paths[0]!.localeCompare(b.paths[0]!));
  files.sort((a, b) => b.sizeBytes - a.sizeBytes || a.path.localeCompare(b.path));
  return {
    shippedFileBytes: shipped,
    visibleFileBytes: visible,
    fileCount,
    wastedBytes,
    efficiency: shipped === 0 ? 1 : (shipped - wastedBytes) / shipped,
    wasted,
    duplicates,
    duplicateBytes,
    largest: files.slice(0, TOP_FILES),
  };
}
