/**
 * Image references as FROM and `COPY --from` write them: `[registry/]path[:tag][@digest]`, with Docker Hub's
 * normalisation (`python` is `docker.io/library/python`). Written by hand because it is small and the grammar is
 * fixed by distribution/reference; the image engine has its own, richer parser for pulling.
 */

export const DOCKER_HUB = 'docker.io';
/** Names that all mean Docker Hub. */
export const DOCKER_HUB_ALIASES: readonly string[] = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com', 'registry.hub.docker.com'];

export interface ImageRef {
  /** Registry host as written, or `docker.io` when none was written. */
  registry: string;
  /** True when the reference named its registry. */
  explicitRegistry: boolean;
  /** Repository path without registry, e.g. `library/python` for `python`, `bitnami/nginx`. */
  repository: string;
  /** Name as written without tag and digest, e.g. `python`, `ghcr.io/org/app`. */
  name: string;
  tag?: string;
  digest?: string;
}

// distribution/reference's grammar, reduced to what a linter needs.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REMAINDER = new RegExp(`^(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** Whether the first path component is a registry host (Docker's rule: it has a dot or a port, or is localhost). */
function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}

/** Parses a reference; null when it is not a valid image reference (empty, upper case repository, bad tag ...). */
export function parseImageRef(text: string): ImageRef | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 512) return null;
  const firstSlash = trimmed.indexOf('/');
  const first = firstSlash >= 0 ? trimmed.slice(0, firstSlash) : '';
  const explicitRegistry = firstSlash >= 0 && isRegistryHost(first);
  if (explicitRegistry && !DOMAIN.test(first)) return null;
  const rest = explicitRegistry ? trimmed.slice(firstSlash + 1) : trimmed;
  const m = REMAINDER.exec(rest);
  if (!m) return null;
  const registry = explicitRegistry ? first : DOCKER_HUB;
  let repository = m[1]!;
  if (isDockerHub(registry) && !repository.includes('/')) repository = `library/${repository}`;
  const ref: ImageRef = {
    registry,
    explicitRegistry,
    repository,
    name: explicitRegistry ? `${first}/${m[1]!}` : m[1]!,
  };
  if (m[2] !== undefined) ref.tag = m[2];
  if (m[3] !== undefined) ref.digest = m[3];
  return ref;
}

export function isValidImageRef(text: string): boolean {
  return parseImageRef(text) !== null;
}

export function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_ALIASES.includes(registry.toLowerCase());
}

/** Fully qualified name without tag or digest, e.g. `docker.io/library/python`. */
export function fullName(ref: ImageRef): string {
  return `${isDockerHub(ref.registry) ? DOCKER_HUB : ref.registry}/${ref.repository}`;
}

/** `scratch` is not an image but the empty file system. */
export function isScratch(image: string): boolean {
  return image.trim().toLowerCase() === 'scratch';
}

/** True when a word still holds a variable reference after expansion (its value is unknown). */
export function hasUnresolvedVariable(word: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(word);
}

/** A shell-style glob (`*` any run of characters, `?` one) as an anchored, case-insensitive regex. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * The spellings of one reference that a pattern may be written against: short and fully qualified name, each
 * bare, with tag, with digest. An untagged, undigested reference also matches as `:latest`, which is what it pulls.
 */
export function referenceSpellings(ref: ImageRef): string[] {
  const names = [ref.name, fullName(ref)];
  if (isDockerHub(ref.registry) && ref.repository.startsWith('library/')) names.push(`${DOCKER_HUB}/${ref.repository.slice(8)}`, ref.repository);
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    if (tag) out.add(`${n}:${tag}`);
    if (ref.digest) {
      out.add(`${n}@${ref.digest}`);
      if (tag) out.add(`${n}:${tag}@${ref.digest}`);
    }
  }
  return [...out];
}
