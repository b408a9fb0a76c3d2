/**
 * Runs layer scans on worker threads, one layer per worker at a time. The main thread reads each blob from its
 * source (so every source works, registry streams included) and forwards the chunks; the worker decompresses,
 * hashes and parses. Backpressure: the reader pauses while more than HIGH_WATER bytes are unacknowledged.
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../core/errors.js';
import type { FromWorker, ToWorker } from './protocol.js';
import type { LayerInfo, LayerScan, ScanLimits } from './types.js';

const HIGH_WATER = 8 * 1024 * 1024;
const LOW_WATER = 2 * 1024 * 1024;

/** The worker's file: worker.js next to this file when compiled, worker.ts when run from source by tsx. */
function workerUrl(): URL {
  const self = import.meta.url;
  return new URL(self.endsWith('.ts') ? './worker.ts' : './worker.js', self);
}

/** Compiled, the worker is plain JavaScript; from source (tests under tsx) it is loaded through tsx's API. */
function startWorker(): Worker {
  const url = workerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const code = `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true });
}

export class ScanPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];

  constructor(private readonly size: number) {}

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.all.length < this.size) {
      // Not unref'd: while a scan waits for its worker's answer, nothing else may keep the process alive.
      const created = startWorker();
      this.all.push(created);
      return Promise.resolve(created);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  async scan(open: () => Promise<Readable>, info: LayerInfo, limits: ScanLimits, onBytes?: (n: number) => void): Promise<LayerScan> {
    const worker = await this.acquire();
    let healthy = true;
    try {
      return await runOnWorker(worker, open, info, limits, onBytes);
    } catch (err) {
      healthy = !(err instanceof WorkerCrash);
      throw err instanceof WorkerCrash ? err.cause : err;
    } finally {
      if (healthy) this.release(worker);
      else {
        this.all.splice(this.all.indexOf(worker), 1);
        void worker.terminate();
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }
}

class WorkerCrash extends Error {}

function runOnWorker(
  worker: Worker,
  open: () => Promise<Readable>,
  info: LayerInfo,
  limits: ScanLimits,
  onBytes?: (n: number) => void,
): Promise<LayerScan> {
  return new Promise<LayerScan>((resolve, reject) => {
    let source: Readable | null = null;
    let inflight = 0;
    let settled = false;
    const send = (msg: ToWorker) => worker.postMessage(msg);
    const finish = (err: unknown, scan?: LayerScan) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (err) {
        source?.destroy();
        send({ type: 'abort' });
        reject(err);
      } else resolve(scan!);
    };
    const onMessage = (msg: FromWorker) => {
      if (msg.type === 'ack') {
        inflight -= msg.bytes;
        if (source?.isPaused() && inflight < LOW_WATER) source.resume();
      } else if (msg.type === 'done') finish(null, msg.scan);
      else finish(msg.input ? new InputError(msg.message) : new Error(msg.message));
    };
    const onError = (err: Error) => finish(Object.assign(new WorkerCrash(err.message), { cause: err }));
    const onExit = (code: number) => finish(Object.assign(new WorkerCrash(`worker exited (${code})`), { cause: new Error(`layer worker exited with code ${code}`) }));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    send({ type: 'start', info, limits });
    open().then(
      (stream) => {
        if (settled) {
          stream.destroy();
          return;
        }
        source = stream;
        stream.on('data', (chunk: Buffer) => {
          inflight += chunk.length;
          onBytes?.(chunk.length);
          send({ type: 'chunk', data: chunk });
          if (inflight > HIGH_WATER) stream.pause();
        });
        stream.on('end', () => send({ type: 'end' }));
        stream.on('error', (err) => finish(err));
      },
      (err: unknown) => finish(err),
    );
  });
}
