/**
 * Packages of the final image: dpkg (status and distroless's status.d), apk; rpm databases are detected and
 * said to be unread (reading them needs SQLite or Berkeley DB and RPM header parsing, not done yet).
 * Each package is attributed to the first layer whose copy of the database lists it.
 */
import type { OsReport, PackageManagers, PackageReport } from '../../report/inspect/model.js';
import type { AnalysisContext } from '../context.js';
import { capturedIn, visibleContent } from '../context.js';
import { lookup, visibleEntries } from '../fs/merged.js';
import { APK_INSTALLED, DPKG_STATUS, DPKG_STATUS_DIR, RPM_DATABASES } from '../pass/capture.js';
import { parseApkInstalled } from './apk.js';
import type { RawPackage } from './dpkg.js';
import { parseDpkgStatus } from './dpkg.js';

export interface PackagesResult {
  managers: PackageManagers;
  packages: PackageReport[];
}

function text(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

/** purl version/qualifier encoding: percent-encode what must be, keep `+` and `~` readable like other tools do. */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/%2B/g, '+');
}

export function purlFor(manager: 'dpkg' | 'apk', name: string, version: string, arch: string | null, os: OsReport | null): string {
  const type = manager === 'dpkg' ? 'deb' : 'apk';
  const namespace = (os?.id ?? (manager === 'dpkg' ? 'debian' : 'alpine')).toLowerCase();
  const q: string[] = [];
  if (arch) q.push('arch=' + enc(arch));
  if (os?.id && os.versionId) q.push('distro=' + enc(`${os.id}-${os.versionId}`));
  return `pkg:${type}/${enc(namespace)}/${enc(name)}@${enc(version)}${q.length ? '?' + q.join('&') : ''}`;
}

/** First layer (bottom up) whose copy of the database at `path` lists each package name. */
function firstLayers(ctx: AnalysisContext, path: string, parse: (t: string) => RawPackage[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const scan of ctx.scans) {
    const c = capturedIn(ctx, scan.index, path);
    if (!c) continue;
    for (const p of parse(text(c.data))) if (!first.has(p.name)) first.set(p.name, scan.index);
  }
  return first;
}

export function analyzePackages(ctx: AnalysisContext, os: OsReport | null): PackagesResult {
  const packages: PackageReport[] = [];
  const add = (manager: 'dpkg' | 'apk', raw: RawPackage[], layers: Map<string, number> | ((name: string) => number | null)) => {
    for (const p of raw) {
      packages.push({
        name: p.name,
        version: p.version,
        manager,
        architecture: p.architecture,
        installedSizeBytes: p.installedSizeBytes,
        source: p.source,
        license: p.license,
        layer: typeof layers === 'function' ? layers(p.name) : (layers.get(p.name) ?? null),
        purl: purlFor(manager, p.name, p.version, p.architecture, os),
      });
    }
  };

  // dpkg: the status file, then distroless-style one-file-per-package status.d.
  let dpkgPresent = false;
  const status = visibleContent(ctx, DPKG_STATUS);
  if (status) {
    dpkgPresent = true;
    add('dpkg', parseDpkgStatus(status.data.toString('utf8')), firstLayers(ctx, DPKG_STATUS, (t) => parseDpkgStatus(t)));
  }
  const statusDir = lookup(ctx.fs.root, DPKG_STATUS_DIR.slice(0, -1));
  if (statusDir?.children) {
    for (const { entry, layer } of visibleEntries({ ...ctx.fs, root: statusDir })) {
      if (entry.type !== 'file' || entry.path.endsWith('.md5sums')) continue;
      const c = capturedIn(ctx, layer, entry.path);
      if (!c) continue;
      dpkgPresent = true;
      add('dpkg', parseDpkgStatus(text(c.data), false), () => layer);
    }
  }
  const apk = visibleContent(ctx, APK_INSTALLED);
  if (apk) add('apk', parseApkInstalled(apk.data.toString('utf8')), firstLayers(ctx, APK_INSTALLED, parseApkInstalled));

  let rpmDb: string | null = null;
  for (const path of RPM_DATABASES) {
    const c = visibleContent(ctx, path);
    if (c) {
      rpmDb = `${path} (${rpmFormat(c.data)})`;
      break;
    }
  }
  // Duplicates (a package in both status and status.d) keep their first entry.
  const seen = new Set<string>();
  const unique = packages.filter((p) => {
    const key = `${p.manager}\0${p.name}\0${p.architecture ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => a.name.localeCompare(b.name) || a.manager.localeCompare(b.manager));
  return {
    managers: {
      dpkg: { present: dpkgPresent, count: unique.filter((p) => p.manager === 'dpkg').length },
      apk: { present: apk !== null, count: unique.filter((p) => p.manager === 'apk').length },
      rpm: {
        present: rpmDb !== null,
        parsed: false,
        database: rpmDb,
        note: rpmDb ? 'rpm databases are detected but not read: the rpm packages are not listed' : null,
      },
    },
    packages: unique,
  };
}

function rpmFormat(head: Buffer): string {
  if (head.subarray(0, 15).toString('latin1') === 'SQLite format 3') return 'sqlite';
  if (head.subarray(0, 4).toString('latin1') === 'RpmP') return 'ndb';
  if (head.length >= 16 && (head.readUInt32LE(12) === 0x00061561 || head.readUInt32BE(12) === 0x00061561)) return 'berkeley-db';
  return 'unknown format';
}
