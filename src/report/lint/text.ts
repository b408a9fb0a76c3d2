/** Human output: findings grouped by file, each with a code frame, suggestions with exact text, and a summary line. */
import pc from 'picocolors';
import type { Severity } from '../../core/finding.js';
import { SEVERITIES, atOrAbove } from '../../core/finding.js';
import { codeFrame } from './code-frame.js';
import { suggestionPreview } from './suggestion-preview.js';
import type { LintFormatter } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

export const text: LintFormatter = (report, options) => {
  const c = pc.createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan, style: c.gray };
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let fixable = 0;
  let filesWithFindings = 0;
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    filesWithFindings++;
    out.push(c.underline(c.bold(file.file)));
    for (const f of file.findings) {
      counts[f.severity]++;
      if (f.fixable) fixable++;
      const aliases = f.aliases.length ? c.dim(` (${f.aliases.join(', ')})`) : '';
      const fixMark = f.fixable ? c.green(' [fixable]') : '';
      out.push(`  ${c.dim(`${f.line}:${f.column}`)}  ${paint[f.severity](f.severity)}  ${f.message}  ${c.dim(f.rule)}${aliases}${fixMark}`);
      if (file.text !== null) out.push(codeFrame(file.text, f, { gutter: c.dim, caret: paint[f.severity] }));
      for (const s of f.suggestions ?? []) {
        out.push(`    ${c.magenta('suggestion:')} ${s.description}`);
        if (file.text === null) continue;
        for (const line of suggestionPreview(file.text, s)) {
          out.push(`      ${line.kind === '-' ? c.red(`- ${line.text}`) : c.green(`+ ${line.text}`)}`);
        }
      }
    }
    out.push('');
  }
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const checked = report.files.length;
  if (total === 0) {
    if (checked > 0) out.push(c.green(`✔ no problems in ${plural(checked, 'file')}`));
  } else {
    const bySeverity = SEVERITIES.filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${s === 'error' || s === 'warning' ? plural(counts[s], s).replace(/^\d+ /, '') : s}`)
      .join(', ');
    const failing = !report.noFail && SEVERITIES.some((s) => counts[s] > 0 && atOrAbove(s, report.failureThreshold));
    const mark = failing ? c.red('✖') : c.yellow('!');
    const fixNote = fixable ? `; ${fixable} fixable with \`whittle fix\`` : '';
    out.push(`${mark} ${plural(total, 'problem')} (${bySeverity}) in ${filesWithFindings} of ${plural(checked, 'file')}${fixNote}`);
  }
  if (report.errors.length) out.push(c.red(`✖ ${plural(report.errors.length, 'file')} could not be linted (see the errors above)`));
  return `${out.join('\n')}\n`;
};
