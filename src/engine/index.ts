/** Adapters to existing build engines (Docker with BuildKit, buildah, podman): detect, build, export, run, push, pull. */
export * from './types.js';
export { detectEngine, probeEngine, type DetectOptions, type Probe } from './detect.js';
export { buildImage, imageConfig, imageLayers, removeImage, parseBuildahSteps, parseBuildkitSteps, stepMakesLayer } from './build.js';
export { exportOci, pushImage, pullImage } from './transfer.js';
export { runInImage, startInImage, type RunningInImage } from './run.js';
export { startLocalRegistry, findRegistryProgram, freePort, type LocalRegistry } from './registry.js';
export { benchStorage, engineImageRef, storageArgs, DEFAULT_BENCH_DIR } from './storage.js';
