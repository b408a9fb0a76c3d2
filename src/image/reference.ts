/**
 * Registry image references, parsed like Docker's distribution/reference: `[host[:port]/]path[:tag][@digest]`,
 * with Docker Hub's short names (`alpine` → docker.io/library/alpine:latest).
 */
import { InputError } from '../core/errors.js';

export interface ImageReference {
  /** The registry as named (`docker.io`, `localhost:5000`, `ghcr.io`). */
  registry: string;
  /** The repository path (`library/alpine`, `team/app`). */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
/** Where Docker Hub's distribution API answers. */
export const DOCKER_HUB_API = 'registry-1.docker.io';

const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const hostPattern = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;

/** Parses a registry reference; InputError on anything Docker would refuse. A reference without tag or digest gets `latest`. */
export function parseReference(text: string): ImageReference {
  const bad = (why: string) => new InputError(`invalid image reference ${JSON.stringify(text)}: ${why}`);
  if (!text || text.length > 4096) throw bad('empty or too long');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) throw bad('malformed digest');
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tagPattern.test(tag)) throw bad('malformed tag');
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  let registry = DOCKER_HUB;
  let repository = rest;
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!hostPattern.test(first)) throw bad('malformed registry host');
    registry = first;
    repository = rest.slice(slash + 1);
  }
  if (registry === 'index.docker.io' || registry === DOCKER_HUB_API) registry = DOCKER_HUB;
  if (!repository) throw bad('missing repository');
  if (!repository.split('/').every((c) => pathComponent.test(c))) throw bad('repository names are lowercase letters, digits and separators');
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!tag && !digest) tag = 'latest';
  return { registry, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The host the distribution API answers on. */
export function apiHost(ref: ImageReference): string {
  return ref.registry === DOCKER_HUB ? DOCKER_HUB_API : ref.registry;
}

/** `registry/repository[:tag][@digest]`, fully qualified. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Whether two reference strings name the same image once Docker Hub defaults are filled in (`app` = `docker.io/library/app:latest`). */
export function sameReference(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return formatReference(parseReference(a)) === formatReference(parseReference(b));
  } catch {
    return false;
  }
}

/** Registries reached over plain HTTP without being told: the local machine. */
export function isLocalRegistry(registry: string): boolean {
  const host = registry.replace(/:[0-9]+$/, '');
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}
