/** The programmatic bench API: `runBench(options)` returns the report the CLI prints. */
export { runBench, sharedPrefix, COLD_BUILD_METHOD, type BenchOptions, type BenchTarget } from './run.js';
export type * from './model.js';
export { BENCH_REPORT_VERSION } from './model.js';
export { formatBenchText } from './text.js';
export { formatBenchJson } from './json.js';
export { formatBenchHtml } from './html.js';
