/**
 * What the k8s cross-checks need from an image, read with the image engine (openImage + the streaming pass +
 * the merged file system): the config (User, ExposedPorts, Entrypoint/Cmd, PATH), which paths exist, and the
 * layers' digests and compressed sizes.
 */
import type { FsNode } from '../analyze/fs/merged.js';
import { buildMergedFs } from '../analyze/fs/merged.js';
import { resolveSymlinkTarget } from '../analyze/pass/paths.js';
import { runPass } from '../analyze/pass/run-pass.js';
import { openImage } from '../image/open.js';
import type { Image } from '../image/types.js';

export interface ImageFacts {
  /** NAME as given in `--image NAME=SOURCE`. */
  name: string;
  /** SOURCE as given. */
  source: string;
  /** Config User ('' when unset). */
  user: string;
  /** `8080/tcp` ... */
  exposedPorts: Set<string>;
  path: string[];
  /** Whether a path exists in the merged file system (following symlinks). */
  exists(path: string): boolean;
  layers: Array<{ digest: string; compressedSize: number }>;
  /**
   * The digest a registry serves for this image (an index for a multi-platform image), for pinning `image:`;
   * undefined for docker save archives and the daemon, whose manifests whittle rebuilds (a push would differ).
   */
  digest?: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Looks a path up component by component, following symlinks at every step (merged /usr: /bin -> usr/bin). */
export function existsIn(root: FsNode, path: string): boolean {
  let parts = path.split('/').filter(Boolean);
  let node: FsNode = root;
  let hops = 0;
  for (let i = 0; i < parts.length; i++) {
    const child = node.children?.get(parts[i]!);
    if (!child) return false;
    const e = child.entry;
    if (e?.type === 'symlink' && e.link !== undefined) {
      if (++hops > 40) return false;
      const target = resolveSymlinkTarget(e.path, e.link) ?? '/';
      parts = [...target.split('/').filter(Boolean), ...parts.slice(i + 1)];
      node = root;
      i = -1;
      continue;
    }
    if (e?.type === 'whiteout') return false;
    node = child;
  }
  return true;
}

/** Finds a program the way execve via the runtime does: absolute paths as they are, bare names on PATH. */
export function findProgram(facts: ImageFacts, program: string): boolean {
  if (program.includes('/')) return facts.exists(program.startsWith('/') ? program : `/${program}`);
  return facts.path.some((dir) => facts.exists(`${dir.replace(/\/$/, '')}/${program}`));
}

/** Layouts and registries keep the manifests a registry serves; archives and the daemon get them rebuilt. */
function registryDigest(image: Image): string | undefined {
  if (image.source !== 'oci' && image.source !== 'oci-archive' && image.source !== 'registry') return undefined;
  return image.rootDigest ?? image.digest;
}

export async function loadImageFacts(name: string, source: string): Promise<ImageFacts> {
  const image = await openImage(source);
  try {
    const pass = await runPass(image);
    const fs = buildMergedFs(pass.layers);
    const cfg = image.config.config ?? {};
    const pathEnv = (cfg.Env ?? []).find((e) => e.startsWith('PATH='))?.slice(5) ?? DEFAULT_PATH;
    return {
      name,
      source,
      user: cfg.User ?? '',
      exposedPorts: new Set(Object.keys(cfg.ExposedPorts ?? {}).map((p) => (p.includes('/') ? p : `${p}/tcp`).toLowerCase())),
      path: pathEnv.split(':').filter(Boolean),
      exists: (p) => existsIn(fs.root, p),
      layers: image.layers.map((l) => ({ digest: l.digest, compressedSize: l.compressedSize })),
      ...(registryDigest(image) !== undefined ? { digest: registryDigest(image)! } : {}),
    };
  } finally {
    await image.close();
  }
}

/** Whether an image config's User runs as root: empty, `root`, `0`, or `0:...` / `root:...`. */
export function userIsRoot(user: string): boolean {
  const u = user.split(':')[0]!.trim();
  return u === '' || u === 'root' || u === '0';
}
