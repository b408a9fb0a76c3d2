/** The engine adapter's data: which engine, where it keeps images, what a build returns. */

export type EngineName = 'docker' | 'buildah' | 'podman';
export const ENGINE_NAMES: readonly EngineName[] = ['docker', 'buildah', 'podman'];

/** A containers-storage root of its own, so benches never touch the user's default storage. */
export interface EngineStorage {
  root: string;
  runroot: string;
  /** vfs works everywhere (no overlay or fuse needed); slower, but the same for both images. */
  driver: string;
}

export interface Engine {
  name: EngineName;
  /** The program run (`buildah`, `podman`, `docker`). */
  program: string;
  /** `buildah --version` or the Docker server version. */
  version: string;
  /** Arguments every command of this engine gets first (the storage flags for buildah and podman). */
  globalArgs: string[];
  /** Undefined for docker: the daemon owns its storage. */
  storage?: EngineStorage;
}

/** `missing` pulls the base only when it is not local; `never` fails instead (offline tests); `always` refreshes it. */
export type PullPolicy = 'missing' | 'never' | 'always';

export interface BuildOptions {
  dockerfile: string;
  context: string;
  tag: string;
  /** Every step runs again (cold build); the base image stays local. */
  noCache?: boolean;
  buildArgs?: Record<string, string>;
  pull?: PullPolicy;
  /** Gives up (and kills the build) after this long; default 30 minutes. */
  timeoutMs?: number;
}

/** One Dockerfile step as the engine reported it, and whether its cache was used. */
export interface BuildStep {
  instruction: string;
  cached: boolean;
}

export interface BuildResult {
  /** Wall-clock seconds of the engine's build command. */
  seconds: number;
  imageId: string;
  /** The image's layers, bottom first, by DiffID (the digest of the uncompressed tar). */
  layers: string[];
  steps: BuildStep[];
}

export interface ImageConfigSummary {
  entrypoint: string[];
  cmd: string[];
  exposedPorts: string[];
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}
