/** Installed packages from Alpine's /lib/apk/db/installed: `X:value` lines, one blank line between packages. */
import type { RawPackage } from './dpkg.js';

export function parseApkInstalled(text: string): RawPackage[] {
  const out: RawPackage[] = [];
  let cur: Record<string, string> = {};
  const flush = () => {
    if (cur['P'] && cur['V']) {
      const size = cur['I'] ? Number(cur['I']) : NaN;
      out.push({
        name: cur['P'],
        version: cur['V'],
        architecture: cur['A'] ?? null,
        installedSizeBytes: Number.isFinite(size) ? size : null,
        source: cur['o'] ?? null,
        license: cur['L'] ?? null,
      });
    }
    cur = {};
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.length >= 2 && line[1] === ':') {
      const key = line[0]!;
      // Only the first value of a key matters here (F:/R:/Z: repeat per file).
      if (!(key in cur)) cur[key] = line.slice(2);
    }
  }
  flush();
  return out;
}
