/**
 * The data the page's script draws from: the layers (bar chart), each layer's changed paths and the bounded file
 * tree (treemap). Tables are rendered on the server and carry no embedded data.
 */
import { shortCommand } from '../format.js';
import type { FileTreeNode, InspectReport, LayerFiles } from '../model.js';

export interface PageLayer {
  index: number;
  sizeBytes: number;
  compressedSizeBytes: number;
  fileBytes: number;
  wastedBytes: number;
  /** wastedBytes / fileBytes (0 without file bytes): what the bar's colour shows. */
  wasteShare: number;
  createdBy: string;
  label: string;
  base: boolean;
  added: number;
  modified: number;
  removed: number;
}

export interface PageData {
  layers: PageLayer[];
  /** Per layer; null when the report was made without detail. */
  layerFiles: LayerFiles[] | null;
  tree: FileTreeNode | null;
}

export function pageData(report: InspectReport): PageData {
  return {
    layers: report.layers.map((l) => ({
      index: l.index,
      sizeBytes: l.sizeBytes,
      compressedSizeBytes: l.compressedSizeBytes,
      fileBytes: l.fileBytes,
      wastedBytes: l.wastedBytes,
      wasteShare: l.fileBytes > 0 ? l.wastedBytes / l.fileBytes : 0,
      createdBy: (l.createdBy ?? '(no history)').replace(/\s+/g, ' ').trim(),
      label: shortCommand(l.createdBy, 60),
      base: l.base,
      added: l.added,
      modified: l.modified,
      removed: l.removed,
    })),
    layerFiles: report.detail?.layerFiles ?? null,
    tree: report.detail?.tree ?? null,
  };
}
