/** Per-layer figures and the `docker history` view (empty layers included). */
import type { HistoryEntry } from '../image/types.js';
import type { HistoryRow, LayerReport } from '../report/inspect/model.js';
import type { AnalysisContext } from './context.js';

/** History entries that made a layer, aligned with the layers; null when the history does not line up. */
export function layerHistory(history: readonly HistoryEntry[] | undefined, layerCount: number): Array<HistoryEntry | null> {
  const nonEmpty = (history ?? []).filter((h) => !h.empty_layer);
  if (nonEmpty.length !== layerCount) {
    // Some tools drop history; keep what aligns from the top (the newest entries are the most useful).
    const out: Array<HistoryEntry | null> = new Array(layerCount).fill(null);
    const offset = layerCount - nonEmpty.length;
    nonEmpty.forEach((h, i) => {
      if (i + offset >= 0) out[i + offset] = h;
    });
    return out;
  }
  return nonEmpty;
}

export function layerReports(ctx: AnalysisContext, baseLayerCount: number): LayerReport[] {
  const hist = layerHistory(ctx.image.config.history, ctx.image.layers.length);
  return ctx.image.layers.map((layer, i) => {
    const scan = ctx.scans[i]!;
    const ch = ctx.fs.changes[i]!;
    const h = hist[i] ?? null;
    return {
      index: i,
      digest: layer.digest,
      diffId: layer.diffId,
      mediaType: layer.mediaType,
      compression: layer.compression,
      sizeBytes: scan.tarBytes,
      compressedSizeBytes: scan.compressedBytes,
      fileBytes: ch.fileBytes,
      entryCount: scan.entries.length,
      createdBy: h?.created_by ?? null,
      created: h?.created ?? null,
      comment: h?.comment ?? null,
      added: ch.added,
      modified: ch.modified,
      removed: ch.removed,
      addedBytes: ch.addedBytes,
      modifiedBytes: ch.modifiedBytes,
      removedBytes: ch.removedBytes,
      wastedBytes: ch.hiddenBytes,
      efficiency: ch.fileBytes === 0 ? 1 : (ch.fileBytes - ch.hiddenBytes) / ch.fileBytes,
      base: i < baseLayerCount,
    };
  });
}

export function historyRows(ctx: AnalysisContext, layers: readonly LayerReport[]): HistoryRow[] {
  const history = ctx.image.config.history ?? [];
  const nonEmptyCount = history.filter((h) => !h.empty_layer).length;
  if (history.length === 0 || nonEmptyCount !== layers.length) {
    return layers.map((l) => ({ createdBy: l.createdBy, created: l.created, comment: l.comment, emptyLayer: false, layer: l.index, sizeBytes: l.sizeBytes }));
  }
  let next = 0;
  return history.map((h) => {
    const layer = h.empty_layer ? null : next++;
    return {
      createdBy: h.created_by ?? null,
      created: h.created ?? null,
      comment: h.comment ?? null,
      emptyLayer: Boolean(h.empty_layer),
      layer,
      sizeBytes: layer === null ? 0 : layers[layer]!.sizeBytes,
    };
  });
}
