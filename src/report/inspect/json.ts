/** The JSON report: the report model as is (documented by schema/inspect-report.schema.json). */
import type { InspectReport } from './model.js';

export function formatInspectJson(report: InspectReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
