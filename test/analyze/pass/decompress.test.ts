import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { createDecompressor } from '../../../src/analyze/pass/decompress.js';
import type { ZstdDecoder } from '../../../src/analyze/pass/decompress.js';
import { compress } from '../../helpers/image-writer.js';

async function decode(data: Buffer, decoder: ZstdDecoder): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from([data.subarray(0, data.length >> 1), data.subarray(data.length >> 1)]),
    createDecompressor('zstd', decoder),
    new Writable({
      write(c: Buffer, _e, cb) {
        out.push(c);
        cb();
      },
    }),
  );
  return Buffer.concat(out);
}

describe('zstd decoders', () => {
  const plain = Buffer.from('whittle '.repeat(100_000));
  const z = compress(plain, 'zstd');
  for (const decoder of ['fzstd', 'program'] as ZstdDecoder[]) {
    it(`${decoder}: decodes, and fails on truncated and corrupt data`, async () => {
      assert.ok((await decode(z, decoder)).equals(plain));
      await assert.rejects(decode(z.subarray(0, z.length - 10), decoder));
      const bad = Buffer.from(z);
      bad[1] = 0;
      await assert.rejects(decode(bad, decoder));
    });
  }
});
