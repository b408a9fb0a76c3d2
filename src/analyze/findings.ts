/**
 * Findings from the analyzers' results: each with a rule id, severity, what it costs in bytes, the practice
 * it breaks (from the seed documents) and a fix. The most valuable come first.
 */
import { severityRank } from '../core/finding.js';
import type { ConfigReport, ImageFinding, JunkReport, LayerReport, SurfaceReport } from '../report/inspect/model.js';
import { formatBytes, shortCommand } from '../report/inspect/format.js';
import type { HiddenFile, ThroughSymlink } from './fs/merged.js';
import { resolveSymlinkTarget } from './pass/paths.js';
import type { WasteResult } from './waste.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface FindingInputs {
  layers: LayerReport[];
  hidden: HiddenFile[];
  waste: WasteResult;
  junk: JunkReport;
  surface: SurfaceReport;
  config: ConfigReport;
  imageSizeBytes: number;
  throughSymlinks?: ThroughSymlink[];
}

const PRACTICE = {
  sameLayer: 'Clean up in the same RUN instruction that creates the files: every instruction commits a layer, and files a later layer deletes still ship in the layer below.',
  aptLists: 'Run apt-get update, install and rm -rf /var/lib/apt/lists/* in one RUN instruction.',
  caches: 'Do not keep package-manager and language caches in the image: they are only needed while building.',
  multiStage: 'Use a multi-stage build: compilers, headers and build tools stay in the build stage; the final stage copies only the artifacts.',
  minimal: 'Start from a minimal or distroless base: fewer tools is a smaller attack surface. Debug with an ephemeral container (kubectl debug) instead of shipping a shell.',
  nonRoot: 'Run the application as a non-root user (USER), so a compromised process does not own the container.',
  secrets: 'Never bake credentials into an image, not even in a layer that a later layer deletes: use build secrets (RUN --mount=type=secret) and runtime Secrets.',
  upx: 'Do not compress binaries with UPX: every start pays for the decompression, and layers are compressed for transfer anyway.',
  data: 'Keep application data out of the image: mount a volume, or fetch it in an init container.',
  pid1: 'Run the application as PID 1 with the exec form (ENTRYPOINT ["app"]) so it receives the signals the runtime sends on stop.',
  layers: 'Minimize the number of layers: combine related RUN instructions.',
  size: 'Keep images small (a smell test: about 100 MB for a microservice, 1 GB for a monolith): they pull, start and scale faster.',
  duplicates: 'Store each file once: copy only what runs, and avoid COPY of the same content to several places.',
  dockerignore: 'Copy only what the image needs: a .dockerignore keeps .git, tests and local files out of the build context.',
} as const;

const JUNK_FIX: Record<string, { fix: string; practice: string }> = {
  'apt-lists': { fix: 'add `&& rm -rf /var/lib/apt/lists/*` to the RUN that runs apt-get update and install', practice: PRACTICE.aptLists },
  'apt-cache': { fix: 'add `&& apt-get clean` (or rm -rf /var/cache/apt/archives) to the RUN that installs', practice: PRACTICE.caches },
  'apk-cache': { fix: 'use `apk add --no-cache`', practice: PRACTICE.caches },
  'yum-cache': { fix: 'add `&& yum clean all && rm -rf /var/cache/yum` to the RUN that installs', practice: PRACTICE.caches },
  'dnf-cache': { fix: 'add `&& dnf clean all` to the RUN that installs', practice: PRACTICE.caches },
  'pip-cache': { fix: 'use `pip install --no-cache-dir`', practice: PRACTICE.caches },
  'npm-cache': { fix: 'run `npm ci && npm cache clean --force` in one RUN, or build in a separate stage', practice: PRACTICE.caches },
  'yarn-cache': { fix: 'run `yarn cache clean` in the RUN that installs, or build in a separate stage', practice: PRACTICE.caches },
  'go-build-cache': { fix: 'build in a separate stage and copy only the binary', practice: PRACTICE.multiStage },
  'go-module-cache': { fix: 'build in a separate stage and copy only the binary', practice: PRACTICE.multiStage },
  'maven-cache': { fix: 'build in a separate stage and copy only the jar', practice: PRACTICE.multiStage },
  'gradle-cache': { fix: 'build in a separate stage and copy only the artifacts', practice: PRACTICE.multiStage },
  git: { fix: 'add .git to .dockerignore', practice: PRACTICE.dockerignore },
  tmp: { fix: 'remove temporary files in the RUN that creates them', practice: PRACTICE.sameLayer },
  tests: { fix: 'remove test folders of installed packages, or install without them', practice: PRACTICE.multiStage },
  'source-archive': { fix: 'delete the archive in the RUN that extracts it, or use ADD/COPY --from a build stage', practice: PRACTICE.sameLayer },
  'data-file': { fix: 'mount the data as a volume or fetch it at start-up', practice: PRACTICE.data },
};

/** The directory (up to four levels deep) holding most of a group's bytes: names the leftover in messages. */
function dominantDir(files: readonly HiddenFile[]): string {
  const by = new Map<string, number>();
  for (const f of files) {
    const parts = f.path.split('/').slice(1, -1).slice(0, 4);
    const dir = parts.length ? '/' + parts.join('/') : f.path;
    by.set(dir, (by.get(dir) ?? 0) + f.size);
  }
  let best = '';
  let bestBytes = -1;
  for (const [d, b] of by) if (b > bestBytes) [best, bestBytes] = [d, b];
  return best;
}

function layerName(layers: readonly LayerReport[], i: number): string {
  return `layer ${i} (${shortCommand(layers[i]?.createdBy ?? null, 50)})`;
}

export function buildFindings(input: FindingInputs): ImageFinding[] {
  const out: ImageFinding[] = [];
  const { layers } = input;

  // Files shipped by one layer and hidden by another, grouped by the pair of layers.
  const pairs = new Map<string, HiddenFile[]>();
  for (const h of input.hidden) {
    const key = `${h.layer}>${h.hiddenBy}`;
    const list = pairs.get(key);
    if (list) list.push(h);
    else pairs.set(key, [h]);
  }
  for (const files of pairs.values()) {
    const bytes = files.reduce((s, f) => s + f.size, 0);
    if (bytes < 10 * KiB) continue;
    const { layer, hiddenBy } = files[0]!;
    const deleted = files.filter((f) => f.how !== 'overwritten').length >= files.length / 2;
    const dir = dominantDir(files);
    const isApt = dir.startsWith('/var/lib/apt/lists') || dir.startsWith('/var/cache/apt');
    const what = `${files.length} file${files.length === 1 ? '' : 's'} (${formatBytes(bytes)}, mostly under ${dir})`;
    if (layer === hiddenBy) {
      out.push({
        rule: 'duplicate-tar-entries',
        severity: 'info',
        message: `${layerName(layers, layer)} stores ${what} twice under the same path; only the last copy is visible`,
        bytes,
        layer,
        path: dir,
        practice: PRACTICE.sameLayer,
        fix: 'fix the tool that wrote the layer, or rebuild it',
      });
      continue;
    }
    out.push({
      rule: deleted ? 'deleted-in-later-layer' : 'overwritten-in-later-layer',
      severity: bytes >= MiB ? 'warning' : 'info',
      message: deleted
        ? `${layerName(layers, layer)} ships ${what} that ${layerName(layers, hiddenBy)} deletes`
        : `${layerName(layers, layer)} ships ${what} that ${layerName(layers, hiddenBy)} overwrites`,
      bytes,
      layer,
      path: dir,
      practice: PRACTICE.sameLayer,
      fix: deleted
        ? `merge these RUNs and ${isApt ? 'remove apt lists' : `delete ${dir}`} in the same layer that creates ${isApt ? 'them' : 'it'}: saves ${formatBytes(bytes)}`
        : `write these files once (merge the steps, or copy the final version only): saves ${formatBytes(bytes)}`,
    });
  }

  for (const item of input.junk.items) {
    const how = JUNK_FIX[item.kind] ?? { fix: 'remove it', practice: PRACTICE.sameLayer };
    if (item.sizeBytes < 10 * KiB && item.kind !== 'git') continue;
    out.push({
      rule: `junk-${item.kind}`,
      severity: item.sizeBytes >= MiB ? 'warning' : 'info',
      message: `${item.path} holds ${item.files} file${item.files === 1 ? '' : 's'} (${formatBytes(item.sizeBytes)}) the running container does not need`,
      bytes: item.sizeBytes,
      layer: item.layer,
      path: item.path,
      practice: how.practice,
      fix: `${how.fix}: saves ${formatBytes(item.sizeBytes)}`,
    });
  }
  for (const path of input.junk.upxBinaries) {
    out.push({ rule: 'upx-packed-binary', severity: 'warning', message: `${path} is packed with UPX`, path, practice: PRACTICE.upx, fix: 'ship the binary unpacked (upx -d, or build without the UPX step)' });
  }

  if (input.waste.duplicateBytes >= MiB) {
    const top = input.waste.duplicates[0]!;
    out.push({
      rule: 'duplicate-files',
      severity: 'info',
      message: `${input.waste.duplicates.length} group${input.waste.duplicates.length === 1 ? '' : 's'} of identical files stored under several paths (${formatBytes(input.waste.duplicateBytes)} beyond the first copies; largest: ${top.paths.slice(0, 3).join(', ')})`,
      bytes: input.waste.duplicateBytes,
      practice: PRACTICE.duplicates,
      fix: 'keep one copy (a symlink or hardlink for the others), or copy only what runs',
    });
  }

  const s = input.surface;
  for (const secret of s.secrets) {
    out.push({
      rule: 'secret-in-image',
      severity: 'error',
      message: `${secret.path} in layer ${secret.layer} looks like a ${secret.kind} (REDACTED)${secret.visible ? '' : '; a later layer deletes it, but it still ships in that layer'}`,
      layer: secret.layer,
      path: secret.path,
      practice: PRACTICE.secrets,
      fix: 'remove it from the build context and rebuild (deleting it in a later layer is not enough), then rotate the credential',
    });
  }
  for (const env of input.config.env.filter((e) => e.redacted)) {
    out.push({
      rule: 'secret-in-env',
      severity: 'error',
      message: `environment variable ${env.name} holds what looks like a secret (REDACTED)`,
      practice: PRACTICE.secrets,
      fix: 'pass it at run time (a Kubernetes Secret, docker run -e) instead of ENV, and rotate it',
    });
  }
  if (s.root) {
    out.push({
      rule: 'runs-as-root',
      severity: 'warning',
      message: s.user ? `the image runs as ${s.user}, which is root` : 'the image sets no USER: it runs as root',
      practice: PRACTICE.nonRoot,
      fix: 'add a user and `USER 10001` (a numeric uid lets Kubernetes check runAsNonRoot)',
    });
  }
  if (s.compilers.length || s.headerFiles > 0) {
    const parts = [s.compilers.length ? `compilers or build tools (${s.compilers.slice(0, 5).join(', ')})` : '', s.headerFiles ? `${s.headerFiles} header files` : '']
      .filter(Boolean)
      .join(' and ');
    out.push({ rule: 'build-tools-in-image', severity: 'warning', message: `the image ships ${parts}`, practice: PRACTICE.multiStage, fix: 'build in a separate stage and copy only the artifacts into the final stage' });
  }
  if (s.shells.length) {
    out.push({ rule: 'shell-present', severity: 'info', message: `the image ships a shell (${s.shells.slice(0, 4).join(', ')})`, practice: PRACTICE.minimal, fix: 'use a distroless or scratch final stage; debug with kubectl debug' });
  }
  if (s.packageManagers.length) {
    out.push({ rule: 'package-manager-present', severity: 'info', message: `the image ships a package manager (${s.packageManagers.slice(0, 4).join(', ')})`, practice: PRACTICE.minimal, fix: 'install packages in a build stage, or use a distroless final stage' });
  }
  if (s.setuid.length || s.setgid.length) {
    const files = [...s.setuid, ...s.setgid];
    out.push({ rule: 'setuid-files', severity: 'info', message: `${files.length} setuid/setgid file${files.length === 1 ? '' : 's'} (${files.slice(0, 4).join(', ')})`, practice: PRACTICE.minimal, fix: 'remove the setuid/setgid bits (chmod u-s,g-s) on files the application does not need' });
  }
  if (s.worldWritable.length) {
    out.push({ rule: 'world-writable', severity: 'warning', message: `${s.worldWritable.length} world-writable path${s.worldWritable.length === 1 ? '' : 's'} (${s.worldWritable.slice(0, 4).join(', ')})`, practice: PRACTICE.nonRoot, fix: 'chmod o-w, or give the paths to the application user only' });
  }
  if (input.config.shellFormPid1) {
    out.push({ rule: 'pid1-shell-form', severity: 'warning', message: 'PID 1 is a shell running the command (`/bin/sh -c ...`): the application does not receive SIGTERM', practice: PRACTICE.pid1, fix: 'use the exec form: ENTRYPOINT ["/app", "arg"] (or `exec` in a wrapper script)' });
  }
  // A symlink only matters when something is written below it: an extractor that follows it writes outside
  // its target folder when the link points outside the root (absolute, or climbing above it with `..`).
  for (const t of input.throughSymlinks ?? []) {
    const escapes = t.target.startsWith('/') || resolveSymlinkTarget(t.symlink, t.target) === null;
    if (!escapes) continue;
    out.push({
      rule: 'write-through-symlink',
      severity: 'warning',
      message: `layer ${t.layer} writes ${t.path} below ${t.symlink}, a symlink to ${t.target} outside the image root: tools that extract the image and follow symlinks write outside their target folder`,
      layer: t.layer,
      path: t.path,
      practice: 'Layers should hold real paths: write files where they belong, not through symlinks of lower layers.',
      fix: `write the file at its real path instead of below ${t.symlink}, or rebuild the layer with a tool that resolves symlinks`,
    });
  }
  if (layers.length > 30) {
    out.push({ rule: 'many-layers', severity: 'info', message: `${layers.length} layers`, practice: PRACTICE.layers, fix: 'combine related RUN instructions, or squash the final stage' });
  }
  if (input.imageSizeBytes > 1e9) {
    out.push({ rule: 'large-image', severity: 'info', message: `the image is ${formatBytes(input.imageSizeBytes)} uncompressed`, bytes: input.imageSizeBytes, practice: PRACTICE.size, fix: 'start from a slim base and use a multi-stage build' });
  }
  return sortFindings(out);
}

/** Errors first; then the biggest savings; then severity; then rule id. */
export function sortFindings(findings: ImageFinding[]): ImageFinding[] {
  return findings.sort(
    (a, b) =>
      Number(b.severity === 'error') - Number(a.severity === 'error') ||
      (b.bytes ?? 0) - (a.bytes ?? 0) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      a.rule.localeCompare(b.rule),
  );
}
