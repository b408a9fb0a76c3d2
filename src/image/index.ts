/** The image engine's sources: open any image (archive, layout, registry, daemon) as one `Image`. */
export type * from './types.js';
export { openImage, classifyReference, splitPathAndName, type Transport } from './open.js';
export { parseReference, formatReference, sameReference, type ImageReference } from './reference.js';
export { parsePlatform, formatPlatform, hostPlatform, platformMatches } from './platform.js';
export { verifyingStream, verifyBuffer, readAll, digestOf, Limits } from './verify.js';
export { MediaType, compressionOfLayerType, sniffCompression } from './media-types.js';
