/** The bench report: what `runBench` returns and `--format json` prints (schema/whittle-bench.schema.json). */
import type { Severity } from '../core/finding.js';
import type { EngineName, PullPolicy } from '../engine/types.js';

export const BENCH_REPORT_VERSION = 1;

/** Repeated measurements of one figure (seconds): the median is what tables show. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface RebuildResult {
  /** Seconds of the rebuild after the one-line change, with the cache of the cold build. */
  seconds: Stats;
  /** The file changed (relative to the context), in a temporary copy of the context. */
  changedFile: string;
  /** Leading layers of the final image whose DiffIDs equal the cold build's (base layers included). */
  reusedLayers: number;
  /** Layers of the final image that differ from the cold build's. */
  rebuiltLayers: number;
  /** RUN/COPY/ADD steps (in any stage) the engine took from its cache, and how many there are. */
  cachedSteps: number;
  layerSteps: number;
  /** At least one RUN/COPY/ADD step came from the cache: the dependency layers held. */
  cacheHeld: boolean;
}

export interface SmokeResult {
  kind: 'command' | 'port';
  /** The command (exec form) or the entrypoint started for a port test. */
  command: string[];
  port?: number;
  passed: boolean;
  /** Why it failed, or what answered; the last lines of output. */
  detail: string;
  seconds: number;
}

export interface FindingSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Rule ids, each once, most frequent first. */
  rules: string[];
  /** Bytes the findings say could be saved (sum of the findings that name a cost). */
  bytes: number;
}

export interface BenchImage {
  label: string;
  dockerfile: string;
  context: string;
  tag: string;
  imageId: string;
  /** Sum of the uncompressed layer tars. */
  sizeBytes: number;
  /** Sum of the gzip layer blobs in the OCI export. */
  compressedSizeBytes: number;
  layerCount: number;
  /** Seconds of `--no-cache` builds. */
  coldBuild: Stats;
  rebuild: RebuildResult | null;
  push: Stats | null;
  pull: Stats | null;
  packages: number;
  files: number;
  findings: FindingSummary;
  smoke: SmokeResult[];
  /** A smoke test failed. */
  failed: boolean;
}

export interface BenchReport {
  schemaVersion: number;
  tool: { name: 'whittle'; version: string };
  createdAt: string;
  engine: { name: EngineName; version: string; storage: string | null };
  settings: {
    runs: number;
    /** How cold builds are made cold, and why (see docs/bench.md). */
    coldBuild: string;
    pull: PullPolicy;
    /** `local` (a docker-registry started per measurement), `none`, or the HOST:PORT given. */
    registry: string;
  };
  /** One image (`whittle bench DOCKERFILE`) or two: before, then after. */
  images: BenchImage[];
  /** Every smoke test passed. */
  passed: boolean;
}
