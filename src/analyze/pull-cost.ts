/** What a pull costs a fresh node: compressed bytes and the time at a given bandwidth. */
import type { PullCost } from '../report/inspect/model.js';

export const DEFAULT_BANDWIDTH_MBIT = 100;

export function pullCost(compressedBytes: number, baseCompressedBytes: number, bandwidthMbit: number = DEFAULT_BANDWIDTH_MBIT): PullCost {
  const bytesPerSecond = (bandwidthMbit * 1e6) / 8;
  const rest = compressedBytes - baseCompressedBytes;
  return {
    compressedBytes,
    bandwidthMbitPerSecond: bandwidthMbit,
    seconds: compressedBytes / bytesPerSecond,
    withoutBaseCompressedBytes: rest,
    withoutBaseSeconds: rest / bytesPerSecond,
  };
}
