/** Compilers, headers and SDKs belong in a builder stage, not in the image that ships. */
import type { Range } from '../core/position.js';
import type { Rule } from './types.js';
import { packageCommandsIn } from './util/packages.js';
import type { ImageView } from './util/seeds.js';
import { apkVirtualName, baseImageOf, finalImageInstructions, finalStage, isBuildOnlyPackage, isSystemInstall, removedLaterInRun, runsAmong } from './util/seeds.js';
import { programArgs, programName } from './util/shell.js';

/** Base images that are toolchains: what they add is a compiler or an SDK. */
function toolchainOf(ref: ImageView): string | undefined {
  const tag = ref.tag ?? '';
  if (ref.registry === 'mcr.microsoft.com' && ref.path === 'dotnet/sdk') return 'the .NET SDK';
  if (ref.registry !== undefined) return undefined;
  switch (ref.path) {
    case 'golang':
      return 'the Go toolchain';
    case 'rust':
      return 'the Rust toolchain (rustc, cargo)';
    case 'maven':
      return 'Maven and a JDK';
    case 'gradle':
      return 'Gradle and a JDK';
    case 'gcc':
      return 'GCC';
    case 'buildpack-deps':
      return 'compilers and -dev headers (buildpack-deps)';
    case 'clojure':
    case 'haskell':
      return `the ${ref.path} toolchain`;
    case 'openjdk':
    case 'eclipse-temurin':
    case 'amazoncorretto':
    case 'sapmachine':
      return /jre/.test(tag) ? undefined : 'a full JDK (javac)';
    default:
      return undefined;
  }
}

/** A front-end or TypeScript build run in the final image: the node toolchain and dev dependencies stay behind. */
function isJsBuild(name: string, args: string[]): boolean {
  if ((name === 'npm' || name === 'pnpm' || name === 'yarn') && (args[0] === 'run' || args[0] === 'run-script') && /^build/.test(args[1] ?? '')) return true;
  if ((name === 'yarn' || name === 'pnpm') && /^build/.test(args[0] ?? '')) return true;
  if (name === 'npx' && /^(tsc|vite|webpack|next|ng|nuxt|rollup|esbuild)$/.test(args[0] ?? '')) return true;
  if (/^(tsc|webpack)$/.test(name)) return true;
  if (/^(ng|vite|next|nuxt)$/.test(name) && args[0] === 'build') return true;
  return false;
}

export const buildToolsInFinalStage: Rule = {
  meta: {
    id: 'build-tools-in-final-stage',
    aliases: [],
    severity: 'warning',
    title: 'Keep compilers and SDKs out of the final image',
    practice:
      'Compilers, headers and SDKs are needed to build, not to run. In the final image they add hundreds of megabytes and most of the CVEs; a multi-stage build compiles in a builder stage and copies only the result (seeds/002: 1 GB down to 155 MB; seeds/003: a Go image from 700 MB to 12 MB).',
    source: 'seeds/002',
    fixable: false,
    docs: `Reports, once per Dockerfile, a final image that carries a build toolchain, listing everything found:

- a toolchain base image for the final image: \`golang\`, \`rust\`, \`maven\`, \`gradle\`, \`gcc\`, \`buildpack-deps\`, a JDK (\`openjdk\`, \`eclipse-temurin\` without \`-jre\`), \`mcr.microsoft.com/dotnet/sdk\`;
- compilers, headers and SDKs installed in the final stage or the stages it is built on (\`gcc\`, \`g++\`, \`build-essential\`, \`build-base\`, \`make\`, \`cmake\`, \`*-dev\`, \`*-devel\`, \`musl-dev\`, \`linux-headers\`), unless the same RUN removes them (\`apk del .build-deps\`, \`apt-get purge\`): removing them in a later RUN leaves them in the earlier layer;
- a JavaScript build (\`npm run build\`, \`tsc\`, \`vite build\` ...) run in the final image.

Builder stages are not reported. The remedy is a multi-stage build, which no edit can write safely: the message proposes it.

Bad:
\`\`\`Dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
\`\`\`

Good:
\`\`\`Dockerfile
FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY --from=build /install /usr/local
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    const final = finalStage(df);
    if (!final) return;
    const found: string[] = [];
    let first: Range | undefined;
    const base = baseImageOf(df, final);
    const toolchain = base ? toolchainOf(base.ref) : undefined;
    if (base && toolchain) {
      found.push(`${toolchain} from "${base.image}"`);
      first = base.stage.from.imageRange;
    }
    for (const run of runsAmong(finalImageInstructions(df))) {
      for (const pc of packageCommandsIn(run)) {
        if (!isSystemInstall(pc)) continue;
        const removed = removedLaterInRun(run, pc.command);
        const virtual = apkVirtualName(pc);
        if (virtual && removed.values.has(virtual)) continue;
        const tools = pc.packages.filter((p) => isBuildOnlyPackage(p.value) && !removed.values.has(p.value) && !removed.values.has(p.raw));
        if (tools.length === 0) continue;
        found.push(tools.map((t) => t.value).join(', '));
        first ??= pc.command.range;
      }
      for (const command of run.shell.commands) {
        const name = programName(command);
        if (!isJsBuild(name, programArgs(command).map((w) => w.value))) continue;
        found.push(`a JavaScript build ("${command.text}") with its toolchain and dev dependencies`);
        first ??= command.range;
      }
    }
    if (!first || found.length === 0) return;
    context.report({
      range: first,
      message: `The final image keeps build tools: ${found.join('; ')}. Build in a separate stage and copy only the result into a slim runtime stage (multi-stage build).`,
    });
  },
};
