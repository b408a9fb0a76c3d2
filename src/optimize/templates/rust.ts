/**
 * Rust: dependencies compiled against a placeholder main before the sources arrive (so a source change reuses
 * them), `cargo build --release`, and the binary alone on a glibc base, or on scratch for a static musl target.
 */
import { posix } from 'node:path';
import type { Change } from '../types.js';
import {
  argLines,
  cacheMountsWanted,
  envLines,
  exposeLines,
  header,
  healthcheckLines,
  installRun,
  joinFile,
  labelLines,
  packageChanges,
  runLines,
  runtimeInstall,
  runtimeUser,
  splitPackages,
  stagesChange,
  startLines,
  stopsignalLines,
  syntaxLine,
  userChange,
  volumeLines,
  type TemplateInput,
  type TemplateOutput,
} from '../common.js';
import { packageName } from '../packages.js';

export function rustTemplate(input: TemplateInput): TemplateOutput {
  const { facts, builder, runtime, engine, ctx } = input;
  const rust = input.stack.rust!;
  const problems: string[] = [];
  const changes: Change[] = [];
  const buildText = facts.runs.flatMap((r) => r.commands.map((c) => c.text)).join(' ');
  const target = /--target[= ](\S+)/.exec(buildText)?.[1];
  const musl = target !== undefined && target.includes('musl');
  if (!musl && runtime.libc === 'none') problems.push(`the binary links glibc (no musl --target) and the runtime ${runtime.image} has no C library: name a glibc base in bases.rust.runtime`);
  if (!builder.shell) problems.push(`the builder ${builder.image} has no shell: RUN cannot work there`);
  const workspace = /^\s*\[workspace\]/m.test(ctx.read('Cargo.toml') ?? '');
  const split = splitPackages(facts, 'rust', builder, runtime);
  const install = [...builder.install];
  for (const p of split.builder) if (!install.includes(p) && !builder.provides.includes(packageName(p))) install.push(p);
  if (musl && builder.install.length > 0 && !install.includes('musl-tools')) install.push('musl-tools');

  const mounts = cacheMountsWanted(engine);
  const mountFlags = mounts ? ['--mount=type=cache,target=/usr/local/cargo/registry'] : [];
  const targetFlag = target ? ` --target ${target}` : '';
  const out = `target/${target ? `${target}/` : ''}release/${rust.name}`;
  const binary = `/usr/local/bin/${rust.name}`;
  const builderStage: string[] = [`FROM ${builder.image} AS builder`];
  builderStage.push(...installRun(builder, install));
  if (musl) builderStage.push(`RUN rustup target add ${target}`);
  builderStage.push('WORKDIR /src');
  if (!workspace) {
    builderStage.push(`COPY Cargo.toml ${rust.lock ? 'Cargo.lock ' : ''}./`);
    builderStage.push(runLines(['mkdir -p src', "echo 'fn main() {}' > src/main.rs", `cargo build --release${rust.lock ? ' --locked' : ''}${targetFlag}`, 'rm -rf src'], mountFlags));
  }
  builderStage.push('COPY . .');
  builderStage.push(runLines(['touch src/main.rs', `cargo build --release${rust.lock ? ' --locked' : ''}${targetFlag}`, `cp ${out} /${rust.name}`], mountFlags));

  const start = startLines(facts, runtime, (argv) => {
    const program = posix.basename(argv[0]!);
    if (program === rust.name) return [binary, ...argv.slice(1)];
    if (program === 'cargo' && argv[1] === 'run') {
      const sep = argv.indexOf('--');
      return [binary, ...(sep >= 0 ? argv.slice(sep + 1) : [])];
    }
    return { problem: `the image starts "${argv[0]}", which is not the binary ${rust.name} the crate builds` };
  });
  problems.push(...start.problems);
  const health = healthcheckLines(facts, runtime, () => runtime.shell && runtime.packageManager !== 'none');
  const user = runtimeUser(runtime);

  const runtimeStage: string[] = [`FROM ${runtime.image}`];
  runtimeStage.push(...installRun(runtime, runtimeInstall(runtime, split)));
  runtimeStage.push(`COPY --from=builder /${rust.name} ${binary}`);
  runtimeStage.push(...argLines(facts));
  runtimeStage.push(...envLines(facts, (k) => k === 'PATH' || k === 'DEBIAN_FRONTEND' || /^(CARGO|RUSTUP)_/.test(k)));
  runtimeStage.push(...labelLines(facts), ...exposeLines(facts), ...volumeLines(facts));
  runtimeStage.push(`USER ${user}`);
  runtimeStage.push(...health.lines, ...stopsignalLines(facts), ...start.lines);

  changes.push(stagesChange(builder, runtime, facts.stage.baseImage));
  changes.push({ effect: 'size', title: `Only the release binary ships (${binary})`, detail: `The toolchain, the registry and target/ stay in the builder${musl ? '; the musl target links statically, so the runtime needs no C library' : ''}.` });
  if (!workspace) changes.push({ effect: 'cache', title: 'Dependencies compiled before the sources arrive', detail: 'Cargo.toml (and Cargo.lock) are built against a placeholder main first: a source change reuses the compiled dependencies.' });
  changes.push(userChange(facts, user));
  if (!runtime.shell) changes.push({ effect: 'security', title: `No shell in ${runtime.image}`, detail: 'Nothing in the image can run a shell script an attacker drops; debug with an ephemeral container (kubectl debug).' });
  changes.push(...start.changes, ...health.changes, ...packageChanges(split, runtime));

  const dockerfile = joinFile([[...syntaxLine(engine), ...header('rust')], builderStage, runtimeStage]);
  return { dockerfile, changes, problems };
}
