/**
 * The optimizer's data: the base-image catalogue (what `bases:` in .whittle.yaml describes), the options, and the
 * result, either an optimized Dockerfile with its explanation or a refusal with its reasons.
 */

/** The stacks the optimizer has a template for. */
export const STACKS = ['go', 'python', 'node', 'java', 'rust'] as const;
export type StackName = (typeof STACKS)[number];

export type PackageManagerKind = 'apt' | 'apk' | 'none';
export type Libc = 'glibc' | 'musl' | 'none';

/** One base image and the facts about it the templates need (they cannot look inside the image). */
export interface BaseImage {
  /** The image reference, e.g. `python:3.12-slim`, `gcr.io/distroless/static-debian12`, `scratch`. */
  image: string;
  /** Whether `/bin/sh` exists (RUN, shell-form commands and HEALTHCHECK CMD-SHELL need it). */
  shell: boolean;
  /** The package manager the image has. */
  packageManager: PackageManagerKind;
  /** The C library: glibc (Debian, distroless base/cc), musl (Alpine), none (scratch, distroless static). */
  libc: Libc;
  /** The user to run as in a runtime image (`65532`, `nonroot`); undefined: whittle adds 65532 itself. */
  user?: string;
  /** Whether the image has /etc/passwd with `user` in it (scratch has none). */
  passwd: boolean;
  /** Whether the image has CA certificates at /etc/ssl/certs/ca-certificates.crt. */
  certificates: boolean;
  /** Packages already in the image (a company base with libpq5): never installed again, never copied in. */
  provides: string[];
  /** Packages to add to a plain OS builder to get the toolchain (`debian:bookworm` + `golang-go`). */
  install: string[];
  /** The stack's program in this image (python3, node, java), as an absolute path, for ENTRYPOINT and venvs. */
  interpreter?: string;
  /** Python: the interpreter's major.minor version (a virtualenv only runs on the same one). */
  pythonVersion?: string;
}

/** The images one stack builds and runs on. */
export interface StackBases {
  builder: BaseImage;
  runtime: BaseImage;
  /** Go only: the runtime for a program that needs cgo (a glibc base instead of a static one). */
  cgoRuntime?: BaseImage;
  /** Rust only: the runtime for a static musl build. */
  staticRuntime?: BaseImage;
}

export type Catalogue = Record<StackName, StackBases>;

/** Which engine the Dockerfile will be built with: decides whether BuildKit cache mounts are used. */
export type EngineKind = 'buildkit' | 'buildah' | 'any';

export interface OptimizeOptions {
  /** Force a stack instead of detecting it. */
  stack?: StackName;
  /** Override the runtime (or builder) image of the stack; facts are inferred from the name or taken from the catalogue. */
  baseRuntime?: string;
  baseBuilder?: string;
  /** Default `any`: no cache mounts, so the file builds with any engine. */
  engine?: EngineKind;
  /** ARG values, as `docker build --build-arg` gives them. */
  buildArgs?: Record<string, string>;
}

export interface OptimizeInput extends OptimizeOptions {
  /** The original Dockerfile's text. */
  dockerfile: string;
  /** Its path (for messages and to find `<name>.dockerignore`). */
  dockerfilePath: string;
  /** The build context folder. */
  contextDir: string;
  /** The `bases:` section as plain data (validated here), null or undefined for the defaults. */
  catalogue?: unknown;
  /** The config file the catalogue came from, with its text: errors then carry line and column. */
  catalogueSource?: { file: string; text: string };
}

/** What one change brings: a smaller image, a better cache, more security, or a behaviour to check. */
export type ChangeEffect = 'size' | 'cache' | 'security' | 'behaviour';

export interface Change {
  effect: ChangeEffect;
  /** One line: what changed. */
  title: string;
  /** Its expected effect in a sentence or two (which files leave, what the cache reuses ...). */
  detail: string;
}

export interface OptimizeResult {
  kind: 'optimized';
  stack: StackName;
  /** The optimized Dockerfile. */
  dockerfile: string;
  /** The .dockerignore to write, null when the context already has one (it is kept as it is). */
  dockerignore: string | null;
  /** Where the .dockerignore goes (the context root). */
  dockerignorePath: string;
  builder: string;
  runtime: string;
  changes: Change[];
}

export interface Refusal {
  kind: 'refused';
  /** The stack, when it was detected before the refusal. */
  stack?: StackName;
  /** One line per reason. */
  reasons: string[];
}
