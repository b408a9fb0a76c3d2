/** JSON: an array of findings, one object per finding. schema/lint-report.schema.json documents the shape. */
import type { Finding } from '../../core/finding.js';
import { ruleDocsUrl } from '../rule-docs.js';
import type { LintFormatter } from './types.js';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  aliases: string[];
  severity: Finding['severity'];
  message: string;
  fixable: boolean;
  fix?: Finding['fix'];
  suggestions: NonNullable<Finding['suggestions']>;
  docs: string;
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    rule: f.rule,
    aliases: f.aliases,
    severity: f.severity,
    message: f.message,
    fixable: f.fixable,
    ...(f.fix ? { fix: f.fix } : {}),
    suggestions: f.suggestions ?? [],
    docs: f.docs ?? ruleDocsUrl(f.rule),
  };
}

export const json: LintFormatter = (report) =>
  `${JSON.stringify(report.files.flatMap((file) => file.findings.map(toJsonFinding)), null, 2)}\n`;
