/** Messages between the pass's main thread (which reads the blob from any source) and a layer worker. */
import type { LayerInfo, LayerScan, ScanLimits } from './types.js';

export type ToWorker =
  | { type: 'start'; info: LayerInfo; limits: ScanLimits }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'abort' };

export type FromWorker =
  | { type: 'ack'; bytes: number }
  | { type: 'done'; scan: LayerScan }
  | { type: 'error'; message: string; input: boolean };
