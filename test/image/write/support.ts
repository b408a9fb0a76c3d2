/** Shared by the image-writing tests: generated entries, and a layer blob read back member by member. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { extract } from 'tar-stream';
import type { Compression, ImageConfig, Platform } from '../../../src/image/types.js';
import { assembleImage } from '../../../src/image/write/image.js';
import { buildLayer } from '../../../src/image/write/layer.js';
import type { BuiltImage, LayerEntry } from '../../../src/image/write/types.js';

export interface TarMember {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  linkname: string | null;
  data: Buffer;
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function decompress(blob: Buffer, compression: Compression): Buffer {
  return compression === 'gzip' ? gunzipSync(blob) : compression === 'zstd' ? Buffer.from(zstdDecompress(blob)) : blob;
}

/** Every member of a tar, in order, with its data. */
export async function readTar(tar: Buffer): Promise<TarMember[]> {
  const out: TarMember[] = [];
  const ex = extract();
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const h = entry.header;
      out.push({
        name: h.name,
        type: h.type ?? 'file',
        mode: h.mode ?? 0,
        uid: h.uid ?? 0,
        gid: h.gid ?? 0,
        uname: h.uname ?? '',
        gname: h.gname ?? '',
        mtime: Math.floor((h.mtime?.getTime() ?? 0) / 1000),
        size: h.size ?? 0,
        linkname: h.linkname ?? null,
        data: Buffer.concat(chunks),
      });
    }
  })();
  Readable.from([tar]).pipe(ex);
  await done;
  return out;
}

export async function readLayerFile(file: string, compression: Compression): Promise<TarMember[]> {
  return readTar(decompress(readFileSync(file), compression));
}

/** Pseudo-random bytes from a seed (reproducible across runs, incompressible enough to be realistic). */
export function seededBytes(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A small tree of generated entries: files (bytes and streamed), a symlink, a hardlink, an owned file, a long path. */
export function sampleEntries(): LayerEntry[] {
  const big = seededBytes(7, 200_000);
  return [
    { path: 'usr/bin/tool', type: 'file', mode: 0o755, uid: 0, gid: 0, data: Buffer.from('#!/bin/sh\necho tool\n') },
    { path: 'usr/bin/tool-link', type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkTarget: 'tool' },
    { path: 'usr/bin/tool-hard', type: 'hardlink', mode: 0o755, uid: 0, gid: 0, linkTarget: 'usr/bin/tool' },
    { path: 'srv/data/blob.bin', type: 'file', mode: 0o640, uid: 1000, gid: 1001, size: big.length, data: () => Readable.from([big.subarray(0, 70_000), big.subarray(70_000)]) },
    { path: 'home/app', type: 'directory', mode: 0o700, uid: 1000, gid: 1000 },
    { path: `opt/${'deep-folder-name/'.repeat(12)}file-with-a-long-name.txt`, type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('long\n') },
    { path: 'etc/setuid', type: 'file', mode: 0o4755, uid: 0, gid: 0, data: Buffer.from('s') },
  ];
}

/** A sample image: a gzip layer and a zstd layer over generated entries, for one platform. */
export async function sampleImage(
  workDir: string,
  opts: { mtime?: number; platform?: Platform; extra?: LayerEntry[]; config?: NonNullable<ImageConfig['config']> } = {},
): Promise<BuiltImage> {
  const mtime = opts.mtime ?? 1_700_000_000;
  const base = await buildLayer(sampleEntries(), { mtime, compression: 'gzip', workDir, createdBy: 'sample base' });
  const extra: LayerEntry[] = opts.extra ?? [{ path: 'etc/message', type: 'file', mode: 0o644, uid: 0, gid: 0, data: Buffer.from('layer two\n') }];
  const top = await buildLayer(extra, { mtime, compression: 'zstd', workDir, createdBy: 'sample top' });
  return assembleImage({
    platform: opts.platform ?? { os: 'linux', architecture: 'amd64' },
    layers: [base, top],
    config: opts.config ?? { Env: ['PATH=/usr/bin'], Cmd: ['/usr/bin/tool'], User: '1000:1000', Labels: { 'org.example.b': '2', 'org.example.a': '1' } },
    created: new Date(mtime * 1000).toISOString(),
  });
}

/** A static hello program (gcc -static) that prints /etc/message: something an image without a base can run. */
export function staticHello(dir: string): Buffer {
  const src = join(dir, 'hello.c');
  writeFileSync(
    src,
    '#include <stdio.h>\nint main(void){char b[128]={0};FILE*f=fopen("/etc/message","r");if(f){fread(b,1,127,f);fclose(f);}printf("hello: %s",b);return 0;}\n',
  );
  const out = join(dir, 'hello');
  execFileSync('gcc', ['-static', '-Os', '-o', out, src]);
  return readFileSync(out);
}
