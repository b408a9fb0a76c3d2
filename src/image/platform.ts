/** Platforms (`os/arch[/variant]`): parsing, the host's, and choosing a manifest from an index. */
import { arch as hostArch, endianness } from 'node:os';
import { ConfigError, InputError } from '../core/errors.js';
import { isIndexType, isManifestType } from './media-types.js';
import type { Descriptor, Index, Platform } from './types.js';

const nodeArchToOci: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  mips64el: 'mips64le',
};

/** The platform images are chosen for by default: linux on the host's CPU (containers are linux even on macOS). */
export function hostPlatform(): Platform {
  const a = hostArch();
  if (a === 'ppc64') return { os: 'linux', architecture: endianness() === 'LE' ? 'ppc64le' : 'ppc64' };
  const architecture = nodeArchToOci[a] ?? a;
  if (architecture === 'arm') {
    const v = (process.config.variables as Record<string, unknown>).arm_version;
    return { os: 'linux', architecture, variant: `v${typeof v === 'string' || typeof v === 'number' ? v : 7}` };
  }
  return { os: 'linux', architecture };
}

/** Parses `os/arch[/variant]` (as in `--platform linux/arm64/v8`). */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/i.test(p))) {
    throw new ConfigError(`invalid platform ${JSON.stringify(text)}: expected os/arch[/variant], e.g. linux/arm64`);
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return { os: os.toLowerCase(), architecture: architecture.toLowerCase(), ...(variant ? { variant: variant.toLowerCase() } : {}) };
}

export function formatPlatform(p: Platform | undefined): string {
  if (!p) return 'unknown';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** containerd's normalisation: arm64 is v8 unless said otherwise, arm is v7. */
function normalVariant(p: Platform): string | undefined {
  if (p.architecture === 'arm64') return p.variant && p.variant !== 'v8' ? p.variant : undefined;
  if (p.architecture === 'arm') return p.variant ?? 'v7';
  return p.variant || undefined;
}

export function platformMatches(want: Platform, have: Platform): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  if (want.variant === undefined) return true;
  return normalVariant(want) === normalVariant(have);
}

/** Attestation manifests (buildx provenance/SBOM) sit in indexes beside the images: never an image to inspect. */
export function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown')
  );
}

/**
 * The manifest of an index for a platform. `explicit` says the user asked for this platform: without it, an
 * index with a single image gives that image whatever its platform.
 */
export function selectFromIndex(index: Index, want: Platform, explicit: boolean, what: string, file?: string): Descriptor {
  const candidates = index.manifests.filter(
    (d) => !isAttestation(d) && (d.mediaType === undefined || isManifestType(d.mediaType) || isIndexType(d.mediaType)),
  );
  if (candidates.length === 0) throw new InputError(`${what}: the index lists no image manifests`, file);
  const matching = candidates.filter((d) => d.platform && platformMatches(want, d.platform));
  if (matching.length > 0) {
    // Among matches, an exact variant beats a normalised one.
    return matching.find((d) => d.platform?.variant === want.variant) ?? matching[0]!;
  }
  if (candidates.length === 1 && (!explicit || !candidates[0]!.platform)) return candidates[0]!;
  const available = candidates.map((d) => formatPlatform(d.platform)).join(', ');
  throw new InputError(`${what}: no image for platform ${formatPlatform(want)} (available: ${available}); choose one with --platform`, file);
}
