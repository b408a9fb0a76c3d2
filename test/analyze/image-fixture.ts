/** Test images in memory (layers from the test image writer, streamed from Buffers) and on disk (OCI layouts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after } from 'node:test';
import type { Compression, Image, ImageConfig } from '../../src/image/types.js';
import { analyzeScans } from '../../src/analyze/inspect.js';
import type { InspectOptions } from '../../src/analyze/inspect.js';
import { runPass } from '../../src/analyze/pass/run-pass.js';
import type { PassOptions } from '../../src/analyze/pass/run-pass.js';
import type { InspectReport } from '../../src/report/inspect/model.js';
import type { BuiltLayer, TestEntry, WriteOptions } from '../helpers/image-writer.js';
import { buildLayer, writeOciLayout } from '../helpers/image-writer.js';

export interface MemoryImageOptions {
  compression?: Compression;
  config?: Partial<ImageConfig>;
  /** createdBy per layer (default `layer N`). */
  createdBy?: string[];
}

export async function memoryImage(layers: Array<TestEntry[] | BuiltLayer>, options: MemoryImageOptions = {}): Promise<Image> {
  const built: BuiltLayer[] = [];
  for (const l of layers) built.push(Array.isArray(l) ? await buildLayer(l, options.compression ?? 'gzip') : l);
  const config: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: {},
    history: built.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: options.createdBy?.[i] ?? `layer ${i}` })),
    ...options.config,
    rootfs: { type: 'layers', diff_ids: built.map((l) => l.diffId) },
  };
  return {
    reference: 'memory:test',
    source: 'oci',
    digest: 'sha256:' + '0'.repeat(64),
    manifest: { schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:' + '1'.repeat(64), size: 1 }, layers: [] },
    rawManifest: Buffer.from('{}'),
    config,
    configDigest: 'sha256:' + '1'.repeat(64),
    platform: { os: 'linux', architecture: 'amd64' },
    layers: built.map((l, index) => ({
      index,
      digest: l.digest,
      diffId: l.diffId,
      mediaType: l.mediaType,
      compressedSize: l.blob.length,
      compression: l.compression,
      open: async () => Readable.from([l.blob]),
    })),
    close: async () => {},
  };
}

export async function analyze(image: Image, options: InspectOptions & { pass?: PassOptions } = {}): Promise<InspectReport> {
  const pass = await runPass(image, options.pass ?? { workers: 0 });
  return analyzeScans(image, pass.layers, options);
}

export async function analyzeLayers(layers: TestEntry[][], options: MemoryImageOptions & InspectOptions = {}): Promise<InspectReport> {
  return analyze(await memoryImage(layers, options), options);
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'whittle-analyze-'));
  dirs.push(d);
  return d;
}

/** Writes an OCI layout to a fresh temp folder; returns the folder. */
export async function ociLayout(opts: WriteOptions): Promise<string> {
  const dir = join(tempDir(), 'image');
  await writeOciLayout(dir, opts);
  return dir;
}
