/** Shared by the image tests: temp dirs, and reading a layer back the way the analysis does (verified). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import type { Layer } from '../../src/image/types.js';
import { digestOf, readAll, verifyingStream } from '../../src/image/verify.js';

export function tempDir(prefix = 'whittle-image-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The layer's uncompressed tar, after checking its blob digest and size and its diffID. */
export async function readLayerVerified(layer: Layer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(await layer.open(), verifyingStream(layer.digest, layer.compressedSize, `layer ${layer.index}`), async (source: AsyncIterable<Buffer>) => {
    for await (const c of source) chunks.push(c as Buffer);
  });
  const blob = Buffer.concat(chunks);
  const tar = layer.compression === 'gzip' ? gunzipSync(blob) : layer.compression === 'zstd' ? Buffer.from(zstdDecompress(blob)) : blob;
  const diffId = digestOf(tar);
  if (diffId !== layer.diffId) throw new Error(`layer ${layer.index}: diffID mismatch ${diffId} != ${layer.diffId}`);
  return tar;
}

/** The blob bytes as a source serves them, unverified. */
export async function readLayerRaw(layer: Layer): Promise<Buffer> {
  return readAll(await layer.open(), 1 << 30, 'layer');
}
