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

/** A file tree node with one-letter keys: the tree is most of the embedded bytes. */
export interface PageTreeNode {
  n: string;
  s: number;
  f: number;
  /** The layer that wrote a file (left out for folders). */
  l?: number;
  c?: PageTreeNode[];
  r?: 1;
}

export function compactTree(node: FileTreeNode): PageTreeNode {
  return {
    n: node.name,
    s: node.sizeBytes,
    f: node.files,
    ...(node.layer >= 0 ? { l: node.layer } : {}),
    ...(node.children ? { c: node.children.map(compactTree) } : {}),
    ...(node.rest ? { r: 1 as const } : {}),
  };
}

export interface PageData {
  layers: PageLayer[];
  /** Per layer; null when the report was made without detail. */
  layerFiles: LayerFiles[] | null;
  tree: PageTreeNode | null;
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
    tree: report.detail ? compactTree(report.detail.tree) : null,
  };
}
