/**
 * The image the debug container runs. Small by default (busybox: a shell, ps, ls, wget, nslookup in about
 * 4 MB, and it works under any uid), network tools for the network goal, and for a distroless target the
 * :debug variant of its own base, which shares layers the node already holds.
 */
import { parseImageRef } from './shell.js';
import type { Goal, RunAs } from './types.js';

export const BUSYBOX = 'busybox:1.36';
export const NETSHOOT = 'nicolaka/netshoot:v0.13';
export const PERF_IMAGE = 'debian:bookworm-slim';

/** whittle base builds debug bases: its -debug presets add busybox-static and run as 65532. */
export const WHITTLE_BASE_DEBUG = 'whittle base --preset static-debug -o REGISTRY/debug:1';
export const WHITTLE_BASE_PERF = 'whittle base --preset base-debug --add linux-perf --add strace -o REGISTRY/debug-perf:1';

export interface DebugImageChoice {
  image: string;
  why: string;
  /** The user the image runs as when known (busybox: root; distroless debug-nonroot: 65532). */
  user?: RunAs;
}

/** gcr.io/distroless/X:TAG -> gcr.io/distroless/X:debug (or debug-nonroot), when TAG is not already a debug tag. */
export function distrolessDebugVariant(ref: string): string | undefined {
  const { repository, tag } = parseImageRef(ref);
  if (!repository.startsWith('gcr.io/distroless/') || tag.includes('debug')) return undefined;
  return `${repository}:${tag.includes('nonroot') ? 'debug-nonroot' : 'debug'}`;
}

export function chooseDebugImage(goal: Goal, targetImage: string, given: string | undefined, needsNonRoot: boolean): DebugImageChoice {
  if (given) return { image: given, why: 'given with --debug-image' };
  if (goal === 'network') {
    return { image: NETSHOOT, why: 'netshoot carries tcpdump, ip, ss, dig, curl and iptables; busybox alone lacks tcpdump and dig', user: { user: 0 } };
  }
  if (goal === 'perf') {
    return {
      image: PERF_IMAGE,
      why: `install the tools inside it (apt-get update && apt-get install -y linux-perf strace), or build a debug base that has them (${WHITTLE_BASE_PERF}) and pass it with --debug-image`,
      user: { user: 0 },
    };
  }
  const variant = goal === 'node' ? undefined : distrolessDebugVariant(targetImage);
  if (variant) {
    const nonroot = variant.endsWith('debug-nonroot');
    return {
      image: variant,
      why: `the :debug variant of the target's own distroless base: a busybox shell at /busybox/sh, on the same base, so the node likely holds most of its layers already${nonroot ? '; it runs as 65532 like the target' : ''}`,
      user: nonroot ? { user: 65532, group: 65532 } : { user: 0 },
    };
  }
  return {
    image: BUSYBOX,
    why: `busybox is about 4 MB with a shell, ps, ls, wget and nslookup${needsNonRoot ? ', and it runs under any uid' : ''}; a debug base of your own works too (${WHITTLE_BASE_DEBUG}, then --debug-image)`,
    user: { user: 0 },
  };
}
