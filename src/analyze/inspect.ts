/**
 * `whittle inspect` as a function: one streaming pass over the layers, the merged file system, then every
 * analyzer on the result. Pure apart from reading the image's layers.
 */
import type { Image } from '../image/types.js';
import type { InspectDetail, InspectReport } from '../report/inspect/model.js';
import { INSPECT_REPORT_VERSION } from '../report/inspect/model.js';
import type { BaseHint } from './base.js';
import { analyzeBase } from './base.js';
import type { Budget } from './budgets.js';
import { evaluateBudgets } from './budgets.js';
import { analyzeConfig } from './config.js';
import type { AnalysisContext, ImageMeta } from './context.js';
import { diveEfficiency } from './dive-efficiency.js';
import { buildFindings } from './findings.js';
import { buildMergedFs } from './fs/merged.js';
import { analyzeJunk } from './junk.js';
import { historyRows, layerReports } from './layers.js';
import { analyzeOs } from './os-release.js';
import { analyzePackages } from './packages/index.js';
import type { PassOptions } from './pass/run-pass.js';
import { runPass } from './pass/run-pass.js';
import type { LayerScan } from './pass/types.js';
import { DEFAULT_BANDWIDTH_MBIT, pullCost } from './pull-cost.js';
import { analyzeSecrets } from './secrets.js';
import { analyzeSurface } from './surface.js';
import { analyzeWaste } from './waste.js';

export interface InspectOptions {
  pass?: PassOptions;
  base?: BaseHint;
  bandwidthMbit?: number;
  budgets?: Budget[];
  toolVersion?: string;
  /** How many wasted files to list (the largest); default 100. */
  maxListedWasted?: number;
  /** Computes the report's `detail` (bulky data for the HTML view); left out of the report when absent. */
  detail?: (ctx: AnalysisContext) => InspectDetail;
}

export async function inspectImage(image: Image, options: InspectOptions = {}): Promise<InspectReport> {
  const pass = await runPass(image, options.pass);
  return analyzeScans(image, pass.layers, options);
}

/** Everything after the pass: a pure function of the image metadata and the layer scans. */
export function analyzeScans(image: ImageMeta, scans: LayerScan[], options: InspectOptions = {}): InspectReport {
  const fs = buildMergedFs(scans);
  const ctx: AnalysisContext = { image, scans, fs };
  const sizes = scans.map((s) => ({ sizeBytes: s.tarBytes, compressedSizeBytes: s.compressedBytes }));
  const base = analyzeBase(image, sizes, options.base);
  const layers = layerReports(ctx, base.layerCount);
  const waste = analyzeWaste(ctx);
  const dive = diveEfficiency(scans);
  const os = analyzeOs(ctx);
  const packages = analyzePackages(ctx, os);
  const config = analyzeConfig(image.config);
  const surface = analyzeSurface(ctx, analyzeSecrets(ctx));
  const junk = analyzeJunk(ctx);
  const sizeBytes = sizes.reduce((s, l) => s + l.sizeBytes, 0);
  const compressedSizeBytes = sizes.reduce((s, l) => s + l.compressedSizeBytes, 0);
  const p = image.platform;
  const report: Omit<InspectReport, 'budgets'> = {
    schemaVersion: INSPECT_REPORT_VERSION,
    tool: { name: 'whittle', version: options.toolVersion ?? '0.0.0' },
    image: {
      reference: image.reference,
      source: image.source,
      digest: image.digest,
      configDigest: image.configDigest,
      platform: [p.os, p.architecture, p.variant].filter(Boolean).join('/'),
      created: image.config.created ?? null,
      sizeBytes,
      compressedSizeBytes,
      visibleFileBytes: waste.visibleFileBytes,
      fileCount: waste.fileCount,
      layerCount: image.layers.length,
    },
    wastedBytes: waste.wastedBytes,
    efficiency: waste.efficiency,
    dive: { efficiency: dive.efficiency, wastedBytes: dive.wastedBytes, userWastedPercent: dive.userWastedPercent },
    duplicateBytes: waste.duplicateBytes,
    layers,
    history: historyRows(ctx, layers),
    files: { largest: waste.largest, wasted: waste.wasted.slice(0, options.maxListedWasted ?? 100), duplicates: waste.duplicates.slice(0, 50) },
    os,
    base,
    packageManagers: packages.managers,
    packages: packages.packages,
    config,
    surface,
    junk,
    pullCost: pullCost(compressedSizeBytes, base.compressedSizeBytes, options.bandwidthMbit ?? DEFAULT_BANDWIDTH_MBIT),
    findings: buildFindings({ layers, hidden: fs.hidden, waste, junk, surface, config, imageSizeBytes: sizeBytes, throughSymlinks: fs.throughSymlinks }),
    ...(options.detail ? { detail: options.detail(ctx) } : {}),
  };
  return { ...report, budgets: evaluateBudgets(report, options.budgets ?? []) };
}
