/**
 * The presets of `whittle base --preset NAME`: short specs users can print (`--show-preset`) and copy.
 * Kept as text in a module (not .yaml files) so they ship inside dist/ with nothing to locate at run time.
 * Every preset but `static` starts with the same `system` layer, so images built from them share it.
 * Each `-debug` variant adds busybox-static in its own last layer, for the ephemeral-container workflow
 * (`kubectl debug --image=...-debug`, then `busybox sh`).
 */
import { ConfigError } from '../core/errors.js';

const SYSTEM_LAYER = '  system: [libc6, libssl3, ca-certificates, tzdata, netbase]';
/** ca-certificates and tzdata depend on openssl and debconf for their maintainer scripts, which whittle never runs. */
const SCRIPT_ONLY_DEPENDENCIES = 'exclude: [openssl, debconf]';

const header = (what: string) => `# whittle base preset: ${what}\n# yaml-language-server: $schema=https://github.com/whittle-dev/whittle/schema/whittle-base.schema.json\n`;

const PRESETS: Record<string, string> = {
  static: `${header('for static binaries (Go with CGO_ENABLED=0, Rust on musl): certificates, time zones, /etc/services, accounts; no libc')}suite: bookworm
${SCRIPT_ONLY_DEPENDENCIES}
user: nonroot
layers:
  system: [ca-certificates, tzdata, netbase]
`,
  base: `${header('glibc and OpenSSL, for dynamically linked programs (C, C++, Rust, Go with cgo)')}suite: bookworm
${SCRIPT_ONLY_DEPENDENCIES}
user: nonroot
layers:
${SYSTEM_LAYER}
`,
  python3: `${header("Debian's python3 (3.11) runtime on the base layer")}suite: bookworm
${SCRIPT_ONLY_DEPENDENCIES}
user: nonroot
entrypoint: [/usr/bin/python3]
layers:
${SYSTEM_LAYER}
  runtime: [python3]
`,
  nodejs: `${header("Debian's Node.js (18) runtime on the base layer")}suite: bookworm
${SCRIPT_ONLY_DEPENDENCIES}
user: nonroot
entrypoint: [/usr/bin/node]
layers:
${SYSTEM_LAYER}
  runtime: [nodejs]
`,
  java: `${header("OpenJDK 17 JRE (headless) on the base layer")}suite: bookworm
${SCRIPT_ONLY_DEPENDENCIES}
user: nonroot
entrypoint: [/usr/bin/java]
layers:
${SYSTEM_LAYER}
  runtime: [openjdk-17-jre-headless]
`,
};

const DEBUG_LAYER = '  debug: [busybox-static]\n';

export function presetNames(): string[] {
  return Object.keys(PRESETS).flatMap((n) => [n, `${n}-debug`]);
}

/** The text of a preset; throws a ConfigError listing the names for an unknown one. */
export function presetText(name: string): string {
  const debug = name.endsWith('-debug');
  const text = PRESETS[debug ? name.slice(0, -'-debug'.length) : name];
  if (text === undefined) throw new ConfigError(`unknown preset "${name}" (presets: ${presetNames().join(', ')})`);
  // `layers:` is the last key of every preset, so the debug layer appends to it.
  return debug ? text.replace('# whittle base preset: ', '# whittle base preset (debug: adds busybox, run `busybox sh`): ') + DEBUG_LAYER : text;
}
