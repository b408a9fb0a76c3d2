/** The distribution from /etc/os-release (or /usr/lib/os-release), as captured by the pass. */
import type { OsReport } from '../report/inspect/model.js';
import type { AnalysisContext } from './context.js';
import { visibleText } from './context.js';
import { OS_RELEASE } from './pass/capture.js';

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]!] = v.replace(/\\(["\\$`])/g, '$1');
  }
  return out;
}

export function analyzeOs(ctx: AnalysisContext): OsReport | null {
  for (const path of OS_RELEASE) {
    const text = visibleText(ctx, path);
    if (text === null) continue;
    const f = parseOsRelease(text);
    return { id: f['ID'] ?? null, versionId: f['VERSION_ID'] ?? null, prettyName: f['PRETTY_NAME'] ?? null, versionCodename: f['VERSION_CODENAME'] ?? null };
  }
  return null;
}
