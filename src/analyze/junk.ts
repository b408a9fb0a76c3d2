/**
 * Junk: files a running container does not need, found in the final file system by path (package manager
 * lists and caches, language caches, VCS data, temp files, source archives, test folders, big data files)
 * plus UPX-packed binaries (sniffed by the pass).
 */
import type { JunkItem, JunkReport } from '../report/inspect/model.js';
import type { AnalysisContext } from './context.js';
import { visibleEntries } from './fs/merged.js';
import { Sniff } from './pass/types.js';

interface JunkRule {
  kind: string;
  /** Returns the group directory when the path matches, else null. */
  match: (path: string) => string | null;
  /** Only files at least this big count. */
  minSize?: number;
}

const MiB = 1024 * 1024;

function under(prefix: string, exclude: (path: string) => boolean = () => false) {
  return (path: string) => (path.startsWith(prefix + '/') && !exclude(path) ? prefix : null);
}

/** Matches a directory component anywhere (`.git`, `.cache/pip`), grouping at that directory. */
function component(name: string, within?: RegExp) {
  const needle = '/' + name + '/';
  return (path: string) => {
    const i = path.indexOf(needle);
    if (i < 0) return null;
    const dir = path.slice(0, i + needle.length - 1);
    if (within && !within.test(dir)) return null;
    return dir;
  };
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|zip|7z|rar)$/i;
const DATA = /\.(csv|tsv|parquet|feather|arrow|h5|hdf5|npy|npz|pkl|pickle|pt|pth|ckpt|onnx|safetensors|gguf|sqlite3?|db|mdb|iso|img|qcow2|vmdk)$/i;
const PKG_DIRS = /\/(site-packages|dist-packages|node_modules)\//;

export const JUNK_RULES: JunkRule[] = [
  { kind: 'apt-lists', match: under('/var/lib/apt/lists', (p) => p.endsWith('/lock') || p.includes('/partial/')) },
  { kind: 'apt-cache', match: under('/var/cache/apt') },
  { kind: 'apk-cache', match: under('/var/cache/apk') },
  { kind: 'yum-cache', match: under('/var/cache/yum') },
  { kind: 'dnf-cache', match: under('/var/cache/dnf') },
  { kind: 'pip-cache', match: component('.cache/pip') },
  { kind: 'npm-cache', match: component('.npm/_cacache') },
  { kind: 'yarn-cache', match: component('.cache/yarn') },
  { kind: 'yarn-cache', match: component('.yarn/cache') },
  { kind: 'go-build-cache', match: component('.cache/go-build') },
  { kind: 'go-module-cache', match: component('pkg/mod/cache') },
  { kind: 'maven-cache', match: component('.m2/repository') },
  { kind: 'gradle-cache', match: component('.gradle/caches') },
  { kind: 'git', match: component('.git') },
  { kind: 'tmp', match: under('/tmp') },
  { kind: 'tmp', match: under('/var/tmp') },
  {
    kind: 'tests',
    match: (path) => {
      const m = /^(.*\/(site-packages|dist-packages|node_modules)\/.*?\/(tests?|__tests__))\//.exec(path);
      return m ? m[1]! : null;
    },
  },
  { kind: 'source-archive', match: (path) => (ARCHIVE.test(path) && !PKG_DIRS.test(path) ? path : null), minSize: MiB },
  { kind: 'data-file', match: (path) => (DATA.test(path) && !path.startsWith('/var/lib/') ? path : null), minSize: 50 * MiB },
];

export function analyzeJunk(ctx: AnalysisContext): JunkReport {
  const groups = new Map<string, JunkItem & { perLayer: Map<number, number> }>();
  const upx: string[] = [];
  for (const { entry, layer } of visibleEntries(ctx.fs)) {
    if (entry.type !== 'file') continue;
    if (entry.sniff && entry.sniff & Sniff.Upx) upx.push(entry.path);
    for (const rule of JUNK_RULES) {
      if (rule.minSize && entry.size < rule.minSize) continue;
      const dir = rule.match(entry.path);
      if (dir === null) continue;
      const key = rule.kind + '\0' + dir;
      let g = groups.get(key);
      if (!g) {
        g = { kind: rule.kind, path: dir, files: 0, sizeBytes: 0, layer, perLayer: new Map() };
        groups.set(key, g);
      }
      g.files++;
      g.sizeBytes += entry.size;
      g.perLayer.set(layer, (g.perLayer.get(layer) ?? 0) + entry.size);
      break;
    }
  }
  const items: JunkItem[] = [...groups.values()].map(({ perLayer, ...item }) => {
    let best = item.layer;
    let bestBytes = -1;
    for (const [l, b] of perLayer) if (b > bestBytes) [best, bestBytes] = [l, b];
    return { ...item, layer: best };
  });
  items.sort((a, b) => b.sizeBytes - a.sizeBytes || a.path.localeCompare(b.path));
  return { totalBytes: items.reduce((s, i) => s + i.sizeBytes, 0), items, upxBinaries: upx.sort() };
}
