/**
 * A layer worker: receives the blob's bytes chunk by chunk from the main thread, scans them with `scanLayer`
 * and posts back the entry table. Chunks are acknowledged once consumed, which gives the reader backpressure.
 */
import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { InputError } from '../../core/errors.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { scanLayer } from './scan-layer.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

let input: PassThrough | null = null;

function post(msg: FromWorker): void {
  port!.postMessage(msg);
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'start': {
      const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
      input = stream;
      scanLayer(stream, msg.info, msg.limits).then(
        (scan) => post({ type: 'done', scan }),
        (err: unknown) => {
          stream.destroy();
          post({ type: 'error', message: err instanceof Error ? err.message : String(err), input: err instanceof InputError });
        },
      );
      break;
    }
    case 'chunk': {
      const bytes = msg.data.byteLength;
      const buf = Buffer.from(msg.data.buffer, msg.data.byteOffset, bytes);
      if (input && !input.destroyed) input.write(buf, () => post({ type: 'ack', bytes }));
      else post({ type: 'ack', bytes });
      break;
    }
    case 'end':
      input?.end();
      break;
    case 'abort':
      input?.destroy();
      input = null;
      break;
  }
});
