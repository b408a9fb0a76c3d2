/** The JSON report (schema/whittle-bench.schema.json): the report as it is, two-space indented. */
import type { BenchReport } from './model.js';

export function formatBenchJson(report: BenchReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
