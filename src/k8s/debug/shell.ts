/**
 * Does the target image have a shell? With `--image` the image itself answers (whittle inspect's merged file
 * system); without it, the image reference is read with the conventions of the image families (distroless,
 * Chainguard, official distribution and language images). The evidence says which of the two it used.
 */
import type { ImageFacts } from '../image-facts.js';
import { findProgram } from '../image-facts.js';
import type { Goal, ShellEvidence } from './types.js';

/** Shells looked for, in the order a debugger would want them. /busybox/sh is where distroless :debug keeps one. */
const SHELLS = ['/bin/sh', '/bin/bash', '/bin/ash', '/busybox/sh'];

/** Programs each goal needs inside the target for `kubectl exec` to be enough (any one of each group). */
const GOAL_TOOLS: Record<Goal, string[][]> = {
  shell: [],
  filesystem: [['ls']],
  process: [['ps']],
  network: [['ip', 'ss', 'netstat'], ['nslookup', 'dig', 'getent']],
  perf: [['perf', 'strace']],
  node: [],
};

/** Distribution and language images that ship a shell in every tag. */
const SHELL_FAMILIES = new Set([
  'alpine', 'busybox', 'debian', 'ubuntu', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'archlinux',
  'node', 'python', 'ruby', 'golang', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'php', 'perl', 'rust', 'nginx',
  'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'rabbitmq', 'memcached', 'haproxy', 'traefik', 'caddy',
]);

export interface ImageRef {
  /** Everything before the tag and digest: `gcr.io/distroless/static-debian12`. */
  repository: string;
  tag: string;
}

export function parseImageRef(ref: string): ImageRef {
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  if (colon > slash) return { repository: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repository: noDigest, tag: ref.includes('@') ? '' : 'latest' };
}

function missingTools(facts: ImageFacts, goal: Goal): string[] {
  return GOAL_TOOLS[goal].filter((group) => !group.some((p) => findProgram(facts, p))).map((group) => group[0]!);
}

/** What the opened image says. */
export function shellFromImage(facts: ImageFacts, goal: Goal): ShellEvidence {
  const onPath = facts.path.map((d) => `${d.replace(/\/$/, '')}/sh`).find((p) => facts.exists(p));
  const path = SHELLS.find((s) => facts.exists(s)) ?? onPath;
  const source = `${facts.name}=${facts.source}`;
  if (!path) {
    return { verdict: 'absent', basis: 'image', detail: `opened ${source}: no /bin/sh, no sh on its PATH (${facts.path.join(':')})`, missingTools: missingTools(facts, goal) };
  }
  return { verdict: 'present', path, basis: 'image', detail: `opened ${source}: ${path} exists`, missingTools: missingTools(facts, goal) };
}

/** What the image reference alone suggests. */
export function shellFromName(ref: string): ShellEvidence {
  const { repository, tag } = parseImageRef(ref.toLowerCase());
  const last = repository.split('/').pop() ?? '';
  const debugTag = /(^|-)debug($|-)/.test(tag);
  if (repository.includes('distroless')) {
    return debugTag
      ? { verdict: 'present', path: '/busybox/sh', basis: 'name', detail: `${ref}: a distroless :debug tag, which adds a busybox shell at /busybox/sh` }
      : { verdict: 'absent', basis: 'name', detail: `${ref}: distroless images ship no shell (only their :debug tags add one)` };
  }
  if (repository.startsWith('cgr.dev/chainguard') || repository.includes('/chainguard/')) {
    return /(^|-)dev($|-)/.test(tag)
      ? { verdict: 'present', path: '/bin/sh', basis: 'name', detail: `${ref}: a Chainguard -dev tag, which adds a shell and apk` }
      : { verdict: 'absent', basis: 'name', detail: `${ref}: Chainguard images ship no shell outside their -dev tags` };
  }
  if (last === 'scratch' || /(^|[-_])(static|scratch)($|[-_])/.test(last)) {
    return { verdict: 'absent', basis: 'name', detail: `${ref}: the name says static/scratch-based, which carries no shell` };
  }
  if (SHELL_FAMILIES.has(last)) {
    return { verdict: 'present', path: '/bin/sh', basis: 'name', detail: `${ref}: the ${last} images ship /bin/sh in every tag` };
  }
  return { verdict: 'unknown', basis: 'none', detail: `${ref}: nothing says whether it has a shell; pass --image ${ref}=SOURCE to open it` };
}
