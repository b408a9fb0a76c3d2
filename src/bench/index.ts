/** The programmatic bench API: `runBench(options)` returns the report the CLI prints. */
export { runBench, sharedPrefix, COLD_BUILD_METHOD, type BenchOptions, type BenchTarget } from './run.js';
export type * from './model.js';
export { BENCH_REPORT_VERSION } from './model.js';
