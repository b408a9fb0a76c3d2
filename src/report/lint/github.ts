/** GitHub Actions workflow commands: one `::error file=...::message` annotation per finding. */
import type { Severity } from '../../core/finding.js';
import type { LintFormatter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

/** The message part: %, CR and LF are escaped (as in @actions/core). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: LintFormatter = (report) => {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.rule)}`,
      ];
      // The aliases (hadolint's DL codes) close the message, so a search for either name finds the annotation.
      const aliases = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      lines.push(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message + aliases)}`);
    }
  }
  for (const e of report.errors) {
    const props = [`file=${escapeProperty(e.file)}`];
    if (e.line !== undefined) props.push(`line=${e.line}`);
    if (e.column !== undefined) props.push(`col=${e.column}`);
    props.push('title=whittle');
    lines.push(`::error ${props.join(',')}::${escapeData(e.message)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
