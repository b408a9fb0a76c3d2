/**
 * The JSON report of `whittle optimize --format json` (schema/whittle-optimize.schema.json): the result or the
 * refusal as it is, with the file it is about, paths shown relative to the working folder, and what --write wrote.
 */
import type { OptimizeResult, Refusal } from './types.js';

/** Raised when the report's shape changes in a way a reader must know about (fields removed or changed). */
export const OPTIMIZE_REPORT_VERSION = 1;

interface ReportHead {
  schemaVersion: number;
  tool: { name: 'whittle'; version: string };
  /** The Dockerfile read, as given (relative to the working folder when under it). */
  file: string;
}

export type OptimizedReport = ReportHead & OptimizeResult & { written: string[] };
export type RefusedReport = ReportHead & Refusal;
export type OptimizeReport = OptimizedReport | RefusedReport;

export interface ReportContext {
  file: string;
  toolVersion: string;
}

function head(context: ReportContext): ReportHead {
  return { schemaVersion: OPTIMIZE_REPORT_VERSION, tool: { name: 'whittle', version: context.toolVersion }, file: context.file };
}

/** `dockerignorePath` is the one shown to the user (relative), `written` the files --write wrote, in order. */
export function optimizedReport(context: ReportContext, result: OptimizeResult, dockerignorePath: string, written: string[]): OptimizedReport {
  return { ...head(context), ...result, dockerignorePath, written };
}

export function refusedReport(context: ReportContext, refusal: Refusal): RefusedReport {
  return { ...head(context), ...refusal };
}

export function formatOptimizeJson(report: OptimizeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
