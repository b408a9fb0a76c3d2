import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { assertDigest, digestOf, parseJsonObject, readAll, verifyBuffer, verifyingStream } from '../../src/image/verify.js';

async function drain(data: Buffer, digest: string, size: number | undefined): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from([data.subarray(0, 3), data.subarray(3)]), verifyingStream(digest, size, 'layer 2 (blob)'), async (s: AsyncIterable<Buffer>) => {
    for await (const c of s) out.push(c as Buffer);
  });
  return Buffer.concat(out);
}

describe('verifyingStream', () => {
  const data = Buffer.from('hello, layer bytes');
  const digest = digestOf(data);

  it('passes bytes through unchanged when digest and size match', async () => {
    assert.deepEqual(await drain(data, digest, data.length), data);
  });

  it('fails naming the blob on a digest mismatch', async () => {
    const other = digestOf('something else');
    await assert.rejects(drain(data, other, data.length), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /^layer 2 \(blob\): digest mismatch: expected sha256:[a-f0-9]{64}, got sha256:/);
      return true;
    });
  });

  it('fails on truncation and on excess bytes', async () => {
    await assert.rejects(drain(data.subarray(0, 10), digest, data.length), /truncated \(10 of 18 bytes\)/);
    await assert.rejects(drain(data, digest, data.length - 1), /longer than its declared size 17/);
  });

  it('checks sha512 digests and refuses malformed ones', async () => {
    assert.deepEqual(await drain(data, digestOf(data, 'sha512'), undefined), data);
    assert.throws(() => verifyingStream('sha256:../../etc', 1, 'x'), InputError);
    assert.throws(() => assertDigest('md5:abc', 'x'), /invalid digest/);
  });
});

describe('whole reads', () => {
  it('readAll refuses more than the limit', async () => {
    await assert.rejects(readAll(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000, 'manifest'), /larger than the 1000-byte limit/);
    assert.equal((await readAll(Readable.from([Buffer.alloc(600)]), 1000, 'm')).length, 600);
  });

  it('verifyBuffer checks size then digest', () => {
    const b = Buffer.from('{}');
    assert.equal(verifyBuffer(b, digestOf(b), 2, 'config'), b);
    assert.throws(() => verifyBuffer(b, digestOf(b), 3, 'config'), /config: size mismatch/);
    assert.throws(() => verifyBuffer(b, digestOf('x'), 2, 'config'), /config: digest mismatch/);
  });

  it('parseJsonObject gives one-line errors naming the file', () => {
    assert.throws(() => parseJsonObject(Buffer.from('nope'), 'index.json', '/tmp/x'), (e: unknown) => e instanceof InputError && e.format() === '/tmp/x: index.json: not valid JSON');
    assert.throws(() => parseJsonObject(Buffer.from('[1]'), 'index.json'), /expected a JSON object/);
  });
});
