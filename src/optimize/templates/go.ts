/**
 * Go: modules downloaded before the sources are copied, a static binary (CGO_ENABLED=0, -trimpath, stripped) on
 * scratch or a static base; with cgo, a dynamic binary on a glibc base. The runtime receives one folder tree
 * (/rootfs in the builder): the binary, and the CA certificates, /etc/passwd and /tmp a bare base lacks.
 */
import { posix } from 'node:path';
import type { ShellCommand } from '../../dockerfile/shell-model.js';
import type { Change } from '../types.js';
import { cacheMountsWanted, healthcheckLines, runLines, splitPackages, startLines, type TemplateInput, type TemplateOutput } from '../common.js';
import { builderStageStart, finishTemplate } from './stage-parts.js';

interface GoBuild {
  /** Package to build (`.`, `./cmd/server`). */
  pkg: string;
  /** Absolute path of the binary in the original image. */
  output: string;
  tags?: string;
  ldflags?: string;
  /** Other flags kept as they are (-mod=vendor, -buildvcs=false ...). */
  flags: string[];
  /** The original builds with `go run` at start-up instead of building. */
  fromGoRun: boolean;
}

const VALUE_FLAGS = new Set(['-o', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-C', '-p', '-pkgdir', '-toolexec', '-overlay', '-pgo', '-buildmode', '-installsuffix']);

function binaryName(pkg: string, module: string): string {
  const clean = pkg.replace(/\/\.\.\.$/, '').replace(/\/+$/, '');
  if (clean === '.' || clean === '' || clean === './') return module.split('/').pop() ?? 'app';
  return clean.split('/').pop() ?? 'app';
}

/** `go build` (or `go install`) in the original, parsed. */
function parseGoBuild(command: ShellCommand, workdir: string, module: string): GoBuild | undefined {
  const words = command.words.map((w) => w.value);
  const goAt = words.findIndex((w) => posix.basename(w) === 'go');
  const action = words[goAt + 1];
  if (action !== 'build' && action !== 'install') return undefined;
  const rest = words.slice(goAt + 2);
  const out: GoBuild = { pkg: '.', output: '', flags: [], fromGoRun: false };
  const pkgs: string[] = [];
  let output: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    const eq = w.indexOf('=');
    const name = w.startsWith('-') && eq > 0 ? w.slice(0, eq) : w;
    const value = w.startsWith('-') && eq > 0 ? w.slice(eq + 1) : VALUE_FLAGS.has(w) ? rest[++i] : undefined;
    if (name === '-o') output = value;
    else if (name === '-tags') out.tags = value;
    else if (name === '-ldflags') out.ldflags = value;
    else if (name === '-trimpath' || name === '-v' || name === '-x' || name === '-a') continue;
    else if (w.startsWith('-')) out.flags.push(value !== undefined && eq < 0 ? `${w}=${value}` : w);
    else pkgs.push(w);
  }
  out.pkg = pkgs[0] ?? '.';
  const name = binaryName(out.pkg, module);
  if (action === 'install' || output === undefined) out.output = `/usr/local/bin/${name}`;
  else {
    const abs = output.startsWith('/') ? output : posix.join(workdir, output);
    out.output = abs.endsWith('/') ? posix.join(abs, name) : abs;
  }
  return out;
}

function findBuild(input: TemplateInput): GoBuild | { problem: string } {
  const module = input.stack.go!.module;
  for (const r of input.facts.runs) {
    for (const c of r.commands) {
      const b = parseGoBuild(c, r.workdir, module);
      if (b) return b;
    }
  }
  // No build step: `CMD go run .` compiles at every start; build it once instead.
  const argv = [...(input.facts.start.entrypoint ?? []), ...(input.facts.start.cmd ?? [])];
  if (posix.basename(argv[0] ?? '') === 'go' && argv[1] === 'run') {
    const pkg = argv.slice(2).find((a) => !a.startsWith('-')) ?? '.';
    return { pkg, output: `/usr/local/bin/${binaryName(pkg, module)}`, flags: [], fromGoRun: true };
  }
  return { problem: 'no `go build` in the Dockerfile and no `go run` to start: whittle cannot tell which package to build' };
}

export function goTemplate(input: TemplateInput): TemplateOutput {
  const { facts, builder, runtime, engine } = input;
  const go = input.stack.go!;
  const problems: string[] = [];
  const changes: Change[] = [];
  const build = findBuild(input);
  if ('problem' in build) return { dockerfile: '', changes, problems: [build.problem] };
  const cgo = go.cgoFile !== undefined || facts.env.some((p) => p.key === 'CGO_ENABLED' && p.value === '1');
  if (cgo && runtime.libc === 'none') {
    problems.push(`the program uses cgo (${go.cgoFile ?? 'CGO_ENABLED=1'}) and the runtime ${runtime.image} has no C library: name a glibc base as bases.go.cgoRuntime or --base-runtime`);
  }
  if (!builder.shell) problems.push(`the builder ${builder.image} has no shell: RUN cannot work there`);
  const split = splitPackages(facts, 'go', builder, runtime);
  const install = [...builder.install];
  const needCerts = !runtime.certificates;
  const addInstall = (p: string): void => {
    if (!install.includes(p) && !builder.provides.includes(p) && builder.packageManager !== 'none') install.push(p);
  };
  if (builder.install.length > 0 && (needCerts || go.requires)) addInstall('ca-certificates');
  if (cgo && builder.install.length > 0) {
    addInstall('gcc');
    addInstall('libc6-dev');
  }
  for (const p of split.builder) addInstall(p);

  const mounts = cacheMountsWanted(engine);
  const modCache = builder.install.length > 0 ? '/root/go/pkg/mod' : '/go/pkg/mod';
  const builderEnv = facts.env.filter((p) => /^(GO|CGO_)/.test(p.key) && p.key !== 'CGO_ENABLED');
  const ldflags = ['-s', '-w', ...(build.ldflags ? [build.ldflags] : [])].join(' ');
  const flags = ['-trimpath', `-ldflags=${JSON.stringify(ldflags)}`, ...(build.tags ? [`-tags=${JSON.stringify(build.tags)}`] : []), ...build.flags];
  const buildCmd = `CGO_ENABLED=${cgo ? 1 : 0} go build ${flags.join(' ')} -o /rootfs${build.output} ${build.pkg}`;

  const builderStage = builderStageStart(builder, install);
  if (builderEnv.length > 0) builderStage.push(`ENV ${builderEnv.map((p) => `${p.key}=${p.rawValue}`).join(' ')}`);
  builderStage.push('WORKDIR /src');
  const download = go.requires && !go.vendor;
  builderStage.push(`COPY ${go.goSum ? 'go.mod go.sum' : 'go.mod'} ./`);
  if (download) builderStage.push(runLines(['go mod download'], mounts ? [`--mount=type=cache,target=${modCache}`] : []));
  builderStage.push('COPY . .');
  builderStage.push(runLines([buildCmd], mounts ? [`--mount=type=cache,target=${modCache}`, '--mount=type=cache,target=/root/.cache/go-build'] : []));
  const extras: string[] = [];
  if (needCerts) extras.push('mkdir -p /rootfs/etc/ssl/certs', 'cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/');
  if (!runtime.passwd) {
    extras.push(
      'mkdir -p /rootfs/etc /rootfs/tmp',
      'chmod 1777 /rootfs/tmp',
      `echo 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > /rootfs/etc/passwd`,
      `echo 'nonroot:x:65532:' > /rootfs/etc/group`,
    );
  }
  if (extras.length > 0) builderStage.push(runLines(extras));

  const start = startLines(facts, runtime, (argv) => {
    const program = argv[0]!;
    if (posix.basename(program) === 'go' && argv[1] === 'run') {
      const pkgAt = argv.findIndex((a, i) => i > 1 && !a.startsWith('-'));
      return [build.output, ...argv.slice(pkgAt + 1)];
    }
    const abs = program.startsWith('/') ? program : posix.join(facts.workdir ?? '/', program);
    if (program === build.output || abs === build.output || (!program.includes('/') && program === posix.basename(build.output))) return [build.output, ...argv.slice(1)];
    return { problem: `the image starts "${program}", which is not the binary the Dockerfile builds (${build.output}); only that binary ships in the runtime` };
  });
  // The binary itself can be its own health check (a flag or a one-shot mode): it is in the runtime.
  const health = healthcheckLines(facts, runtime, (p) => p === build.output || (runtime.shell && runtime.packageManager !== 'none'));

  changes.push({
    effect: 'size',
    title: cgo ? 'A dynamically linked binary (cgo), stripped' : 'A static binary: CGO_ENABLED=0, -trimpath, -ldflags="-s -w"',
    detail: cgo
      ? `The program uses cgo, so it links the C library of ${runtime.image}; -s -w drops the symbol and debug tables.`
      : 'No C library is needed at run time, so the binary runs on an empty base; -s -w drops the symbol and debug tables (often a third of the size), -trimpath keeps build paths out of it.',
  });
  changes.push({
    effect: 'cache',
    title: download ? 'go.mod and go.sum are copied and the modules downloaded before the sources' : 'go.mod is copied before the sources',
    detail: download
      ? 'A source change reuses the module download layer: only the compile step runs again.'
      : 'The module has no requirements (or vendors them), so there is nothing to download; a source change only recompiles.',
  });
  if (mounts) changes.push({ effect: 'cache', title: 'BuildKit cache mounts for the module and build caches', detail: 'Even when a layer is rebuilt, compiled packages and downloaded modules are reused from the cache mount; they never enter a layer.' });
  if (needCerts || !runtime.passwd) {
    changes.push({
      effect: 'behaviour',
      title: `The runtime receives ${[needCerts ? 'CA certificates' : '', !runtime.passwd ? '/etc/passwd with user nonroot (65532) and /tmp' : ''].filter(Boolean).join(' and ')} from the builder`,
      detail: `${runtime.image} has none: HTTPS clients need the certificates, and a named non-root user and a writable /tmp avoid surprises.`,
    });
  }
  changes.push({
    effect: 'behaviour',
    title: `Only the binary ships (${build.output})`,
    detail: `The sources${facts.workdir ? ` in ${facts.workdir}` : ''} stay in the builder. If the program reads files next to its sources at run time (templates, static assets), copy them into the runtime stage too.`,
  });
  if (build.fromGoRun) changes.push({ effect: 'behaviour', title: 'go run is replaced by a binary built once', detail: 'The original compiled the program at every start; the image now starts the compiled binary directly.' });
  const files = ['COPY --from=builder /rootfs/ /'];
  return finishTemplate(input, builderStage, { stack: 'go', split, files, toolchainEnv: (k) => /^(GO|CGO_)/.test(k), start, health }, changes, problems);
}
