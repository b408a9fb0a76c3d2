/** Checkstyle XML, read by many CI tools (reviewdog, Jenkins warnings-ng). */
import type { Severity } from '../../core/finding.js';
import type { LintFormatter } from './types.js';
import { xmlAttrs } from './xml.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export const checkstyle: LintFormatter = (report) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  const errorsByFile = new Map<string, typeof report.errors>();
  for (const e of report.errors) errorsByFile.set(e.file, [...(errorsByFile.get(e.file) ?? []), e]);
  const names = [...new Set([...report.files.map((f) => f.file), ...errorsByFile.keys()])];
  for (const name of names) {
    out.push(`  <file${xmlAttrs({ name })}>`);
    for (const f of report.files.find((x) => x.file === name)?.findings ?? []) {
      out.push(`    <error${xmlAttrs({ line: f.line, column: f.column, severity: LEVEL[f.severity], message: f.message, source: `whittle.${f.rule}` })}/>`);
    }
    for (const e of errorsByFile.get(name) ?? []) {
      out.push(`    <error${xmlAttrs({ line: e.line ?? 1, column: e.column, severity: 'error', message: e.message, source: 'whittle.input-error' })}/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
};
