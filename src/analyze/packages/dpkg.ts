/** Installed packages from a dpkg status file (or one file of distroless's /var/lib/dpkg/status.d/). */
import { parseStanzas } from './control.js';

export interface RawPackage {
  name: string;
  version: string;
  architecture: string | null;
  installedSizeBytes: number | null;
  source: string | null;
  license: string | null;
}

export function parseDpkgStatus(text: string, requireStatus = true): RawPackage[] {
  const out: RawPackage[] = [];
  for (const s of parseStanzas(text)) {
    const name = s['Package'];
    const version = s['Version'];
    if (!name || !version) continue;
    const status = s['Status'];
    // "install ok installed"; half-installed, config-files (removed) and not-installed are not shipped packages.
    if (status !== undefined ? !/\binstalled$/.test(status.trim()) : requireStatus) continue;
    const kib = s['Installed-Size'] ? Number(s['Installed-Size']) : NaN;
    out.push({
      name,
      version,
      architecture: s['Architecture'] ?? null,
      installedSizeBytes: Number.isFinite(kib) ? kib * 1024 : null,
      // "Source: glibc (2.36-9)" names the source package and, when it differs, its version.
      source: s['Source'] ? s['Source'].split(' ')[0]! : null,
      license: null,
    });
  }
  return out;
}
