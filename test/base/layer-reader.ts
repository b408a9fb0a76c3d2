/** Reads a gzip layer blob back into a map of tar members, for the composition tests. */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';

export interface TarMember {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  linkname?: string;
  data: Buffer;
  mtime: number;
}

export async function readLayer(file: string): Promise<Map<string, TarMember>> {
  const out = new Map<string, TarMember>();
  const ex = extract();
  createReadStream(file).pipe(createGunzip()).pipe(ex);
  for await (const entry of ex) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const h = entry.header;
    out.set(h.name.replace(/\/$/, ''), { type: h.type!, mode: h.mode!, uid: h.uid!, gid: h.gid!, linkname: h.linkname ?? undefined, data: Buffer.concat(chunks), mtime: h.mtime!.getTime() / 1000 });
  }
  return out;
}
