/** Media types of the OCI image spec and Docker's distribution schema 2, and what each says about a blob. */
import type { Compression } from './types.js';

export const MediaType = {
  OciLayout: 'application/vnd.oci.layout.header.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayer: 'application/vnd.oci.image.layer.v1.tar',
  OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  OciLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  OciLayerNondist: 'application/vnd.oci.image.layer.nondistributable.v1.tar',
  OciLayerNondistGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  OciLayerNondistZstd: 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  DockerLayerZstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
  DockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  /** Docker schema 1 manifests: refused with a clear message (deprecated, unsigned layers without diffIDs). */
  DockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  DockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

const layerCompression: Record<string, Compression> = {
  [MediaType.OciLayer]: 'none',
  [MediaType.OciLayerGzip]: 'gzip',
  [MediaType.OciLayerZstd]: 'zstd',
  [MediaType.OciLayerNondist]: 'none',
  [MediaType.OciLayerNondistGzip]: 'gzip',
  [MediaType.OciLayerNondistZstd]: 'zstd',
  [MediaType.DockerLayer]: 'none',
  [MediaType.DockerLayerGzip]: 'gzip',
  [MediaType.DockerLayerZstd]: 'zstd',
  [MediaType.DockerForeignLayerGzip]: 'gzip',
};

/** The compression a layer media type declares, or undefined when the type is not a known layer type. */
export function compressionOfLayerType(mediaType: string): Compression | undefined {
  return layerCompression[mediaType];
}

export function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.OciIndex || mediaType === MediaType.DockerManifestList;
}

export function isManifestType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.OciManifest || mediaType === MediaType.DockerManifest;
}

/** The OCI layer media type for a compression (what tools write today). */
export function ociLayerType(compression: Compression): string {
  return compression === 'gzip' ? MediaType.OciLayerGzip : compression === 'zstd' ? MediaType.OciLayerZstd : MediaType.OciLayer;
}

/** The Docker schema 2 layer media type for a compression. */
export function dockerLayerType(compression: Compression): string {
  return compression === 'gzip' ? MediaType.DockerLayerGzip : compression === 'zstd' ? MediaType.DockerLayerZstd : MediaType.DockerLayer;
}

/** Compression recognised from a blob's first bytes (gzip 1f 8b, zstd frame 28 b5 2f fd); anything else is taken as a plain tar. */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** Manifest media types a registry is asked for, most wanted first. */
export const manifestAccept = [
  MediaType.OciIndex,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.DockerManifest,
].join(', ');
